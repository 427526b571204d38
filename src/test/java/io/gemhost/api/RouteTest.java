package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.mfa.MfaPolicy.Action;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void everyGuardedEndpointHasItsAuthScopeAndAction() {
        assertEquals(new Route(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), Route.of("POST", "/api/v1/api_key"));
        assertEquals(new Route(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), Route.of("GET", "/api/v1/api_key"));
        assertEquals(new Route(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN), Route.of("PUT", "/api/v1/api_key"));
        assertEquals(new Route(Route.Auth.KEY, null, Action.LIST_GEMS), Route.of("GET", "/api/v1/gems.json"));
        assertEquals(new Route(Route.Auth.KEY, null, Action.LIST_GEMS), Route.of("GET", "/api/v1/gems.yaml"));
        assertEquals(new Route(Route.Auth.KEY, "push_rubygem", Action.PUSH), Route.of("POST", "/api/v1/gems"));
        assertEquals(new Route(Route.Auth.KEY, "yank_rubygem", Action.YANK), Route.of("DELETE", "/api/v1/gems/yank"));
        assertEquals(new Route(Route.Auth.KEY, "add_owner", Action.OWNER_ADD), Route.of("POST", "/api/v1/gems/hola/owners"));
        assertEquals(new Route(Route.Auth.KEY, "remove_owner", Action.OWNER_REMOVE), Route.of("DELETE", "/api/v1/gems/hola/owners"));
    }

    @Test
    void readsAndUnknownPathsAreOpenToTheResources() {
        assertEquals(Route.OPEN, Route.of("GET", "/api/v1/gems/hola/owners.yaml"));
        assertEquals(Route.OPEN, Route.of("GET", "/api/v1/health"));
        assertEquals(Route.OPEN, Route.of("POST", "/api/v1/webauthn_verification"));
        assertEquals(Route.OPEN, Route.of("GET", "/api/v1/gems"));
        assertEquals(Route.OPEN, Route.of("DELETE", "/api/v1/api_key"));
        assertEquals(Route.OPEN, Route.of("POST", "/api/v1/gems//owners"));
        assertEquals(Route.OPEN, Route.of("POST", "/api/v2/gems"));
        assertEquals(Route.OPEN, Route.of("POST", null));
    }
}
