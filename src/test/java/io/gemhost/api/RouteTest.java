package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.apikey.Scope;
import io.gemhost.mfa.MfaPolicy.Action;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Route.TABLE, the API guard's list of what each request is: its rows, and that JAX-RS routes exactly those. */
class RouteTest {

    /** Route.of: the row each request finds, or why it finds none. */
    @Nested
    class Rows {

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

    /**
     * JAX-RS and ApiGuard must agree on what each request is. Reflects over every resource class of
     * io.gemhost.api (class {@code @Path} + method {@code @Path} + HTTP method) and holds it to
     * Route.TABLE: each resource method has exactly one row, with the auth, scope and MFA action
     * the API contract gives it (listed here by method, independently of the table), and each row has
     * exactly one resource method. A new endpoint without a row, or a row without an endpoint, fails
     * the build.
     */
    @Nested
    class AgainstTheResources {

        /** The API contract's table, by resource method: auth, scope, MfaPolicy action. */
        static final Map<String, Route> EXPECTED = Map.ofEntries(
                Map.entry("GemsResource.health", expected(Route.Auth.NONE, null, null)),
                Map.entry("GemsResource.webauthn", expected(Route.Auth.KEY_OR_BASIC, null, null)),
                Map.entry("GemsResource.webauthnStatus", expected(Route.Auth.KEY_OR_BASIC, null, null)),
                Map.entry("GemsResource.listJson", expected(Route.Auth.KEY, null, Action.LIST_GEMS)),
                Map.entry("GemsResource.listYaml", expected(Route.Auth.KEY, null, Action.LIST_GEMS)),
                Map.entry("GemsResource.push", expected(Route.Auth.KEY, Scope.PUSH_RUBYGEM, Action.PUSH)),
                Map.entry("GemsResource.yank", expected(Route.Auth.KEY, Scope.YANK_RUBYGEM, Action.YANK)),
                Map.entry("GemsResource.addOwner", expected(Route.Auth.KEY, Scope.ADD_OWNER, Action.OWNER_ADD)),
                Map.entry("GemsResource.removeOwner", expected(Route.Auth.KEY, Scope.REMOVE_OWNER, Action.OWNER_REMOVE)),
                Map.entry("GemsResource.ownersYaml", expected(Route.Auth.NONE, null, null)),
                Map.entry("GemsResource.ownersJson", expected(Route.Auth.NONE, null, null)),
                Map.entry("ApiKeyResource.create", expected(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN)),
                Map.entry("ApiKeyResource.legacy", expected(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN)),
                Map.entry("ApiKeyResource.update", expected(Route.Auth.BASIC, null, Action.API_KEY_SIGNIN)),
                Map.entry("TrustedPublishingResource.exchange", expected(Route.Auth.NONE, null, null)),
                Map.entry("SecretScanningResource.revoke", expected(Route.Auth.NONE, null, null)),
                Map.entry("TrustedPublishersResource.list", expected(Route.Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS)),
                Map.entry("TrustedPublishersResource.create", expected(Route.Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS)),
                Map.entry("TrustedPublishersResource.show", expected(Route.Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS)),
                Map.entry("TrustedPublishersResource.delete", expected(Route.Auth.KEY, Scope.CONFIGURE_TRUSTED_PUBLISHERS, Action.CONFIGURE_TRUSTED_PUBLISHERS)));

        private static Route expected(Route.Auth auth, Scope scope, Action action) {
            return new Route(null, null, auth, scope, action);
        }

        /** A resource method as JAX-RS routes it. */
        record Endpoint(String name, String method, String template) {
        }

        @Test
        void everyResourceMethodHasExactlyOneRowAndEveryRowOneResourceMethod() throws Exception {
            List<Endpoint> endpoints = endpoints();
            assertTrue(endpoints.size() >= EXPECTED.size(), "found the resources: " + endpoints);
            for (Endpoint e : endpoints) {
                List<Route> rows = Route.TABLE.stream().filter(r -> r.method().equals(e.method()) && r.template().equals(e.template())).toList();
                assertEquals(1, rows.size(), e + " needs exactly one row in Route.TABLE, has " + rows);
                Route want = EXPECTED.get(e.name());
                assertNotNull(want, e + " is not in this test's list of the contract's endpoints");
                Route row = rows.get(0);
                assertEquals(want, new Route(null, null, row.auth(), row.scope(), row.action()), e.name() + ": auth, scope, action");
            }
            for (Route row : Route.TABLE) {
                long handlers = endpoints.stream().filter(e -> e.method().equals(row.method()) && e.template().equals(row.template())).count();
                assertEquals(1, handlers, row + " needs exactly one resource method");
            }
            assertEquals(EXPECTED.size(), endpoints.size(), "every endpoint listed here exists: " + endpoints);
        }

        /** Every method of a {@code @Path} class in io.gemhost.api; a {@code @Path} without an HTTP method (a sub-resource locator) fails. */
        static List<Endpoint> endpoints() throws Exception {
            List<Endpoint> all = new ArrayList<>();
            for (Class<?> type : classesOfThisPackage()) {
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    Path methodPath = m.getAnnotation(Path.class);
                    List<String> verbs = new ArrayList<>();
                    for (Annotation a : m.getAnnotations()) {
                        HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                        if (verb != null) {
                            verbs.add(verb.value());
                        }
                    }
                    if (verbs.isEmpty()) {
                        assertEquals(null, methodPath, type.getSimpleName() + "." + m.getName() + ": a @Path needs an HTTP method and a row");
                        continue;
                    }
                    assertEquals(1, verbs.size(), type.getSimpleName() + "." + m.getName());
                    String template = trim(classPath.value()) + (methodPath == null ? "" : "/" + trim(methodPath.value()));
                    all.add(new Endpoint(type.getSimpleName() + "." + m.getName(), verbs.get(0), trim(template)));
                }
            }
            return all;
        }

        private static String trim(String path) {
            return path.replaceAll("^/+|/+$", "");
        }

        /** The compiled main classes of Route's package (target/classes/io/gemhost/api, not the test classes). */
        private static List<Class<?>> classesOfThisPackage() throws Exception {
            URL root = Route.class.getProtectionDomain().getCodeSource().getLocation();
            assertEquals("file", root.getProtocol(), "classes in a directory: " + root);
            File dir = new File(new File(root.toURI()), Route.class.getPackageName().replace('.', '/'));
            List<Class<?>> classes = new ArrayList<>();
            for (File f : dir.listFiles()) {
                String name = f.getName();
                if (name.endsWith(".class") && !name.contains("$")) {
                    classes.add(Class.forName(Route.class.getPackageName() + "." + name.substring(0, name.length() - ".class".length())));
                }
            }
            return classes;
        }
    }
}
