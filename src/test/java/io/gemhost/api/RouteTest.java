package io.gemhost.api;

import io.gemhost.apikey.Scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.mfa.MfaPolicy.Action;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static Route row(String method, String path) {
        return Route.of(method, path).orElseThrow(() -> new AssertionError("no row for " + method + " " + path));
    }

    @Test
    void everyEndpointHasItsAuthScopeAndAction() {
        assertEquals(new Route("POST", "v1/api_key", Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), row("POST", "/api/v1/api_key"));
        assertEquals(new Route("GET", "v1/api_key", Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), row("GET", "/api/v1/api_key"));
        assertEquals(new Route("PUT", "v1/api_key", Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), row("PUT", "/api/v1/api_key"));
        assertEquals(new Route("GET", "v1/gems.json", Route.Auth.KEY, null, Action.LIST_GEMS), row("GET", "/api/v1/gems.json"));
        assertEquals(new Route("GET", "v1/gems.yaml", Route.Auth.KEY, null, Action.LIST_GEMS), row("GET", "/api/v1/gems.yaml"));
        assertEquals(new Route("POST", "v1/gems", Route.Auth.KEY, Scope.PUSH_RUBYGEM, Action.PUSH), row("POST", "/api/v1/gems"));
        assertEquals(new Route("DELETE", "v1/gems/yank", Route.Auth.KEY, Scope.YANK_RUBYGEM, Action.YANK), row("DELETE", "/api/v1/gems/yank"));
        assertEquals(new Route("POST", "v1/gems/{name}/owners", Route.Auth.KEY, Scope.ADD_OWNER, Action.OWNER_ADD),
                row("POST", "/api/v1/gems/hola/owners"));
        assertEquals(new Route("DELETE", "v1/gems/{name}/owners", Route.Auth.KEY, Scope.REMOVE_OWNER, Action.OWNER_REMOVE),
                row("DELETE", "/api/v1/gems/hola/owners"));
        assertEquals(new Route("POST", "v1/webauthn_verification", Route.Auth.KEY_OR_BASIC, null, null),
                row("POST", "/api/v1/webauthn_verification"));
        assertEquals(new Route("GET", "v1/gems/{name}/owners.yaml", Route.Auth.NONE, null, null), row("GET", "/api/v1/gems/hola/owners.yaml"));
        assertEquals(new Route("GET", "v1/gems/{name}/owners.json", Route.Auth.NONE, null, null), row("GET", "/api/v1/gems/hola/owners.json"));
        assertEquals(new Route("GET", "v1/health", Route.Auth.NONE, null, null), row("GET", "/api/v1/health"));
    }

    @Test
    void aKnownPathWithAnotherMethodIsA405AndAnUnknownPathA404() {
        assertEquals(Optional.empty(), Route.of("DELETE", "/api/v1/api_key"));
        assertEquals(List.of("POST", "GET", "PUT"), Route.allowed("/api/v1/api_key"));
        assertEquals(Optional.empty(), Route.of("GET", "/api/v1/gems"));
        assertEquals(List.of("POST"), Route.allowed("/api/v1/gems"));
        assertEquals(Optional.empty(), Route.of("HEAD", "/api/v1/health"));
        assertEquals(Optional.empty(), Route.of("OPTIONS", "/api/v1/gems/hola/owners"));
        assertEquals(List.of("POST", "DELETE"), Route.allowed("/api/v1/gems/hola/owners"));
        for (String unknown : new String[] {"/api/v2/gems", "/api/v1/nothing/here", "/api", "/api/v1", "/api/v1/gems/hola",
                "/api/v1/gems/hola/owners.xml", "/api/v1/webauthn_verification/abc/status.json", "/sign_in", "/", "", null}) {
            assertEquals(Optional.empty(), Route.of("GET", unknown), unknown);
            assertEquals(Optional.empty(), Route.of("POST", unknown), unknown);
            assertEquals(List.of(), Route.allowed(unknown), unknown);
        }
    }

    /** A verification token as the API hands it out: 32 random bytes, base64url. */
    static final String TOKEN = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE";

    @Test
    void theTokenSegmentFollowsTheTokenRule() {
        assertTrue(Route.of("GET", "/api/v1/webauthn_verification/" + TOKEN + "/status.json").isPresent());
        for (String token : new String[] {"abc", TOKEN + "x", TOKEN.substring(1), TOKEN.substring(1) + "=", TOKEN.substring(1) + "%"}) {
            assertEquals(Optional.empty(), Route.of("GET", "/api/v1/webauthn_verification/" + token + "/status.json"), token);
        }
    }

    @Test
    void theNameSegmentFollowsTheGemNameRule() {
        assertTrue(Route.of("POST", "/api/v1/gems/a.b_c-1/owners").isPresent());
        assertTrue(Route.of("POST", "/api/v1/gems/" + "a".repeat(100) + "/owners").isPresent());
        assertTrue(Route.of("POST", "/api/v1/gems/yank/owners").isPresent(), "a gem may be called yank");
        for (String name : new String[] {"", "-x", ".x", "_x", "..", ".", "a".repeat(101), "h%6Fla", "hola;x=1", "h\u00f6la", "ho la", "ho+la"}) {
            assertEquals(Optional.empty(), Route.of("POST", "/api/v1/gems/" + name + "/owners"), name);
            assertEquals(List.of(), Route.allowed("/api/v1/gems/" + name + "/owners"), name);
        }
    }

    /** Every other spelling of every row's path is refused outright: not canonical, so 404, never a row, never a 405. */
    @Test
    void everyOtherSpellingIsRefused() {
        for (Route row : Route.TABLE) {
            String path = "/api/" + row.template().replace("{name}", "hola").replace("{token}", TOKEN).replace("{id}", "42");
            assertEquals(row, row(row.method(), path));
            for (String bad : spellings(path)) {
                assertFalse(Route.canonical(bad), bad);
                assertEquals(Optional.empty(), Route.of(row.method(), bad), bad);
                assertEquals(List.of(), Route.allowed(bad), bad);
            }
            for (String other : otherPaths(path)) {
                assertEquals(Optional.empty(), Route.of(row.method(), other), other);
                assertEquals(List.of(), Route.allowed(other), other);
            }
        }
    }

    static List<String> spellings(String path) {
        String rest = path.substring("/api/".length());
        return List.of(
                path + "/",
                path + "//",
                path + ";x=1",
                path + ";",
                "/api;x=1/" + rest,
                "/api/v1;jsessionid=abc/" + rest.substring(3),
                path + "%3Bx=1",
                path + "%3b",
                "/api/v1%2F" + rest.substring(3),
                "/api/v1%2f" + rest.substring(3),
                "/api/%76" + rest.substring(1),
                path + "%00",
                "/api/./" + rest,
                "/api/v1/../" + rest,
                "/api/x/../" + rest,
                path + "/.",
                path + "/..",
                "/api//" + rest,
                "//api/" + rest,
                "/api/v1//" + rest.substring(3),
                path + "?",
                path + "#",
                path + " ",
                path + "\\",
                "/api\\" + rest,
                path + "\u00e9",
                path + "*",
                path + "~",
                "/api/" + rest + "\n");
    }

    /** Well-formed paths that are simply not rows: case, suffixes, prefixes. */
    static List<String> otherPaths(String path) {
        String rest = path.substring("/api/".length());
        return List.of(
                "/api/faces/" + rest,
                "/faces" + path,
                path + ".xhtml",
                "/API/" + rest,
                "/api/V" + rest.substring(1),
                "/api/" + rest.toUpperCase());
    }
}
