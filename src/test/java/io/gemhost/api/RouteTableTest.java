package io.gemhost.api;

import io.gemhost.apikey.Scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * JAX-RS and ApiGuard must agree on what each request is. Reflects over every resource class of
 * io.gemhost.api (class {@code @Path} + method {@code @Path} + HTTP method) and holds it to
 * Route.TABLE: each resource method has exactly one row, with the auth, scope and MFA action
 * the API contract gives it (listed here by method, independently of the table), and each row has
 * exactly one resource method. A new endpoint without a row, or a row without an endpoint, fails
 * the build.
 */
class RouteTableTest {

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
