package io.gemhost.api;

import io.gemhost.mfa.MfaPolicy.Action;

/**
 * What an API request is, for the guard: how the caller proves who they are, the key scope it
 * needs, and the action MfaPolicy judges. Pure, so unit tests cover the whole table.
 */
public record Route(Auth auth, String scope, Action action) {

    public enum Auth { NONE, KEY, BASIC }

    static final Route OPEN = new Route(Auth.NONE, null, null);

    public static Route of(String method, String path) {
        if (path == null || !path.startsWith("/api/v1/")) {
            return OPEN;
        }
        String rest = path.substring("/api/v1/".length());
        if (rest.equals("api_key") && (method.equals("POST") || method.equals("GET") || method.equals("PUT"))) {
            return new Route(Auth.BASIC, null, Action.API_KEY_SIGNIN);
        }
        if ((rest.equals("gems.json") || rest.equals("gems.yaml")) && method.equals("GET")) {
            return new Route(Auth.KEY, null, Action.LIST_GEMS);
        }
        if (rest.equals("gems") && method.equals("POST")) {
            return new Route(Auth.KEY, "push_rubygem", Action.PUSH);
        }
        if (rest.equals("gems/yank") && method.equals("DELETE")) {
            return new Route(Auth.KEY, "yank_rubygem", Action.YANK);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length == 3 && parts[0].equals("gems") && !parts[1].isEmpty() && parts[2].equals("owners")) {
            if (method.equals("POST")) {
                return new Route(Auth.KEY, "add_owner", Action.OWNER_ADD);
            }
            if (method.equals("DELETE")) {
                return new Route(Auth.KEY, "remove_owner", Action.OWNER_REMOVE);
            }
        }
        return OPEN;
    }
}
