package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Users.User;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR, deployed by Arquillian's Payara Micro managed container (src/test/resources/
 * arquillian.xml) rather than by the ServerProcess harness of the other ITs: it starts, Flyway
 * creates the schema, and pages and API answer as the README and docs/API.md say.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentIT {

    @Deployment(testable = false)
    static WebArchive war() {
        File war = new File(ServerProcess.prop("gemhost.war"));
        return ShrinkWrap.create(ZipImporter.class, "gemhost.war").importFrom(war).as(WebArchive.class);
    }

    /** Where Micro runs, e.g. http://vm:8731/ (the host name Micro reports, not localhost). */
    @ArquillianResource
    URL base;

    private String site() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> health = new Browser(site()).raw(HttpRequest.newBuilder(URI.create(site() + "/api/v1/health")));
        assertEquals(200, health.statusCode());
        assertEquals("OK", health.body());
    }

    @Test
    void signUpPageCarriesTheSecurityHeadersAndCreatesAnAccount() throws Exception {
        Browser browser = new Browser(site());
        Page form = browser.get("/sign_up");
        assertEquals(200, form.status());
        assertTrue(form.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), form.headers().toString());
        assertEquals("nosniff", form.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", form.headers().firstValue("Cache-Control").orElse(""));

        // The sign-up form's labels and button; submitting stores the account (Flyway ran).
        User user = Users.fresh();
        Page profile = browser.submit(form, "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", user.password()));
        assertEquals("/profile/edit", profile.path(), profile.text());
        assertTrue(profile.text().contains(user.handle()), profile.text());
    }

    @Test
    void pushWithoutKeyIsDenied() throws Exception {
        HttpResponse<String> push = new Browser(site()).raw(HttpRequest.newBuilder(URI.create(site() + "/api/v1/gems"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
        assertEquals(401, push.statusCode());
        // the address is GEMHOST_BASE_URL's (this container's default), never the request's Host
        assertTrue(push.body().matches("Access Denied\\. Please sign up for an account at http://localhost:[0-9]+"), push.body());
    }
}
