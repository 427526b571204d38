package io.gemhost.api;

import io.gemhost.apikey.Scope;
import io.gemhost.gems.GemSpec;
import io.gemhost.mfa.MfaPolicy.Action;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import io.gemhost.webauthn.WebauthnVerificationTokens;

/**
 * One row of the API table: a method and a path template under /api (as the JAX-RS resources
 * spell it, class {@code @Path} + method {@code @Path}), how the caller proves who they are, the
 * key scope it needs, and the action MfaPolicy judges. {@link #TABLE} is the only list of what
 * the API answers: the guard refuses every request that is not exactly one of its rows, and
 * RouteTest holds the JAX-RS resources to the same list, so the two cannot disagree.
 * Pure, so unit tests cover the whole table.
 */
public record Route(String method, String template, Auth auth, Scope scope, Action action) {

    /** KEY_OR_BASIC: Basic when the Authorization header says so, else the raw key. */
    public enum Auth { NONE, KEY, BASIC, KEY_OR_BASIC }

    public static final List<Route> TABLE = List.of(
            new Route("GET", "v1/health", Auth.NONE, null, null),
            new Route("POST", "v1/webauthn_verification", Auth.KEY_OR_BASIC, null, null),
            new Route("GET", "v1/webauthn_verification/{token}/status.json", Auth.KEY_OR_BASIC, null, null),
            new Route("POST", "v1/api_key", Auth.BASIC, null, Action.API_KEY_SIGNIN),
            new Route("GET", "v1/api_key", Auth.BASIC, null, Action.API_KEY_SIGNIN),
            new Route("PUT", "v1/api_key", Auth.BASIC, null, Action.API_KEY_SIGNIN),
            new Route("GET", "v1/gems.json", Auth.KEY, null, Action.LIST_GEMS),
            new Route("GET", "v1/gems.yaml", Auth.KEY, null, Action.LIST_GEMS),
            new Route("POST", "v1/gems", Auth.KEY, Scope.PUSH_RUBYGEM, Action.PUSH),
            new Route("DELETE", "v1/gems/yank", Auth.KEY, Scope.YANK_RUBYGEM, Action.YANK),
            new Route("POST", "v1/gems/{name}/owners", Auth.KEY, Scope.ADD_OWNER, Action.OWNER_ADD),
            new Route("DELETE", "v1/gems/{name}/owners", Auth.KEY, Scope.REMOVE_OWNER, Action.OWNER_REMOVE),
            new Route("GET", "v1/gems/{name}/owners.yaml", Auth.NONE, null, null),
            new Route("GET", "v1/gems/{name}/owners.json", Auth.NONE, null, null),
            new Route("POST", "v1/oidc/trusted_publisher/exchange_token", Auth.NONE, null, null),
            new Route("POST", "v1/api_key/revoke", Auth.NONE, null, null),
            new Route("GET", "v1/gems/{name}/trusted_publishers", Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS),
            new Route("POST", "v1/gems/{name}/trusted_publishers", Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS),
            new Route("GET", "v1/gems/{name}/trusted_publishers/{id}", Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS),
            new Route("DELETE", "v1/gems/{name}/trusted_publishers/{id}", Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS));

    /**
     * The only spelling of an API path the guard accepts: "/api", then segments of letters,
     * digits, '.', '_' and '-'. So no ';' (path parameters), no '%' (encoded slashes, dots or
     * ';'), no empty segment ("//" or a trailing '/'); dot segments are ruled out just below.
     * The container and JAX-RS would each normalise these differently; refusing them leaves
     * one reading of every request.
     */
    private static final Pattern CANONICAL = Pattern.compile("/api(/[A-Za-z0-9._-]+)+");
    private static final String PREFIX = "/api/";
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    /**
     * The row for this request: {@code path} is the raw request URI without the context path,
     * not decoded. Empty when the path is not canonical or no row has this method and path.
     */
    public static Optional<Route> of(String method, String path) {
        return rowsFor(path).stream().filter(row -> row.method.equals(method)).findFirst();
    }

    /** The methods the rows of this path take; empty for an unknown path (404), else the Allow of a 405. */
    public static List<String> allowed(String path) {
        return rowsFor(path).stream().map(Route::method).toList();
    }

    static boolean canonical(String path) {
        return path != null && path.length() <= 300 && CANONICAL.matcher(path).matches()
                && !path.contains("/./") && !path.contains("/../") && !path.endsWith("/.") && !path.endsWith("/..");
    }

    private static List<Route> rowsFor(String path) {
        if (!canonical(path) || !path.startsWith(PREFIX)) {
            return List.of();
        }
        String[] segments = path.substring(PREFIX.length()).split("/");
        return TABLE.stream().filter(row -> row.matches(segments)).toList();
    }

    /**
     * A template segment "{name}" takes a gem name (GemSpec's rule), "{token}" a verification
     * token, "{id}" a number of 1 to 18 digits; every other segment is literal.
     */
    private boolean matches(String[] segments) {
        String[] parts = template.split("/");
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            boolean ok = switch (parts[i]) {
                case "{name}" -> GemSpec.isValidName(segments[i]);
                case "{token}" -> WebauthnVerificationTokens.isToken(segments[i]);
                case "{id}" -> ID.matcher(segments[i]).matches();
                default -> parts[i].equals(segments[i]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
