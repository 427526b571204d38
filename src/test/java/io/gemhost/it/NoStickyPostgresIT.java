package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import io.gemhost.it.Users.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * Any node serves any request (-Ppostgres only): two Payara Micro nodes on one PostgreSQL behind a
 * load balancer without sticky sessions (RoundRobinProxy: every request to the next node). A
 * browser's state lives in the database, keyed by its own cookie, and no page keeps a view on
 * the node that rendered it, so every flow works whichever node each request reaches, and a node
 * killed in the middle of a flow loses nothing (docs/ARCHITECTURE.md, "Stateless nodes").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoStickyPostgresIT {

    static final String DB = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_nosticky";
    static final ServerProcess[] nodes = new ServerProcess[2];
    static RoundRobinProxy proxy;
    static Path data;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.freshPostgresDatabase(DB);
        proxy = new RoundRobinProxy(2);
        env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_DB_NAME", DB);
        env.put("GEMHOST_SECRET_KEY", LifecycleIT.secret());
        env.put("GEMHOST_BASE_URL", proxy.url);
        // one GEMHOST_DATA for both, as a cluster shares its gem files: either node's mail is in one outbox
        data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-nosticky-");
        CompletableFuture<ServerProcess> second = CompletableFuture.supplyAsync(() -> boot(1));
        try {
            boot(0);
        } finally {
            second.join();
        }
    }

    static ServerProcess boot(int index) {
        try {
            ServerProcess node = new ServerProcess("nosticky-" + index, data, env);
            nodes[index] = node;
            proxy.node(index, node.baseUrl);
            node.alsoAt(proxy.url);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Runs a flow and checks that both nodes answered some of its requests. */
    static <T> T alternating(String flow, Step<T> step) throws Exception {
        long a = proxy.served(0);
        long b = proxy.served(1);
        T result = step.run();
        assertTrue(proxy.served(0) > a && proxy.served(1) > b,
                flow + " did not alternate: node 0 " + (proxy.served(0) - a) + ", node 1 " + (proxy.served(1) - b));
        return result;
    }

    interface Step<T> {
        T run() throws Exception;
    }

    @Test
    @Order(1)
    void everyBrowserFlowCompletesWhicheverNodeEachRequestReaches() throws Exception {
        Browser browser = new Browser(proxy.url);
        User user = alternating("sign-up", () -> Users.signUp(browser));

        Page qr = browser.get("/totp/new");
        Authenticator app = Mfa.readKey(qr);
        Enrolled e = alternating("enrollment", () -> {
            Page recovery = browser.submit(qr, "Enable", Map.of("OTP code", app.next()));
            assertEquals("/multifactor_auth/recovery", recovery.path(), recovery.text());
            assertEquals(10, Mfa.readCodes(recovery).size(), recovery.text());
            return new Enrolled(user, app, Mfa.readCodes(recovery));
        });

        alternating("sign-in with a code", () -> {
            assertEquals("/", Users.signOut(browser).path());
            Page in = Mfa.otp(browser, Mfa.password(browser, user), e.app().next());
            assertEquals("/profile/edit", in.path(), in.text());
            return in;
        });

        alternating("level change", () -> {
            Page level = browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", "UI and API", "OTP code", e.app().next()));
            assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
            return level;
        });

        alternating("recovery-code regeneration", () -> {
            Page fresh = browser.submit(browser.get("/multifactor_auth/regenerate"), "Regenerate", Map.of("OTP code", e.app().next()));
            assertEquals("/multifactor_auth/recovery", fresh.path(), fresh.text());
            assertTrue(fresh.text().contains("Your new recovery codes are below"), fresh.text());
            List<String> codes = Mfa.readCodes(fresh);
            assertEquals(10, codes.size(), fresh.text());
            assertFalse(codes.contains(e.recoveryCodes().get(0)), "new codes");
            return codes;
        });

        alternating("password reset", () -> {
            Browser other = new Browser(proxy.url);
            Page asked = other.submit(other.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
            assertTrue(asked.text().contains("a link to reset its password is on its way"), asked.text());
            String link = Users.mailedLink(other, user.email(), AccountLifecycleIT.RESET);
            Page done = other.submit(other.get(link), "Reset password", Map.of("New password", "a brand new password", "OTP code", e.app().next()));
            assertEquals("/profile/edit", done.path(), done.text());
            assertTrue(done.text().contains("Your password has been reset"), done.text());
            assertEquals("/sign_in", browser.get("/profile/edit").path(), "the other session ended, on every node");
            return done;
        });

        assertTrue(browser.setCookieHeaders().stream().noneMatch(c -> c.startsWith("JSESSIONID")),
                "no container session: " + browser.setCookieHeaders());
        String cookie = browser.setCookieHeaders().stream().filter(c -> c.startsWith(Browser.SESSION_COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + Browser.SESSION_COOKIE + " cookie: " + browser.setCookieHeaders()));
        assertTrue(Browser.hasAttribute(cookie, "HttpOnly") && Browser.hasAttribute(cookie, "SameSite=Lax") && Browser.hasAttribute(cookie, "Path=/"), cookie);
    }

    @Test
    @Order(2)
    void securityKeysPasskeysAndTheCommandLinesPageWorkThroughTheBalancer() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(proxy.url)) {
            chrome.driver.addVirtualAuthenticator(SecurityKeysBrowserIT.authenticator(true));
            alternating("registering a key", () -> {
                SecurityKeysBrowserIT.signUp(chrome, user);
                SecurityKeysBrowserIT.registerKey(chrome, "Desk key");
                assertEquals("/multifactor_auth/recovery", chrome.path(), chrome.text());
                return null;
            });
            alternating("sign-in with a key", () -> {
                chrome.open("/profile/edit");
                chrome.press("Sign out");
                SecurityKeysBrowserIT.signInWithPassword(chrome, user);
                SecurityKeysBrowserIT.useKeyOnSecondStep(chrome);
                assertEquals("/profile/edit", chrome.path(), chrome.text());
                return null;
            });
            alternating("passkey sign-in", () -> {
                chrome.press("Sign out");
                chrome.open("/sign_in");
                chrome.clickAndWait(By.id("passkey-button"));
                assertEquals("/profile/edit", chrome.path(), chrome.text());
                assertEquals(user.handle(), chrome.driver.findElement(By.id("current-handle")).getText());
                return null;
            });
            alternating("level change with a key", () -> {
                new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
                chrome.clickAndWait(By.id("mfa-use-key"));
                assertTrue(chrome.text().contains("Your MFA level is now UI and API"), chrome.text());
                return null;
            });
            alternating("the command line's verification page", () -> {
                HttpResponse<String> started = Api.send("POST", proxy.url + "/api/v1/webauthn_verification",
                        Api.headers(Api.basic(user.email(), user.password()), null), null);
                assertEquals(200, started.statusCode(), started.body());
                String url = started.body().strip();
                assertTrue(url.startsWith(proxy.url + "/webauthn_verification/"), url);
                chrome.driver.get(url);
                chrome.clickAndWait(By.id("authenticate"));
                assertTrue(chrome.text().contains("Success!"), chrome.text());
                return null;
            });

            // one assertion posted twice from this browser, once to each node: the challenge is spent once
            chrome.open("/multifactor_auth/regenerate");
            SecurityKeysBrowserIT.assertionWithoutSubmitting(chrome, "use-key", "form:otp");
            JavascriptExecutor js = chrome.driver;
            String form = (String) js.executeScript("var f = document.getElementById('form'); var d = new URLSearchParams(new FormData(f));"
                    + " d.append('form:submit', 'Regenerate'); return d.toString();");
            String path = URI.create((String) js.executeScript("return document.getElementById('form').action;")).getRawPath();
            String cookies = chrome.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            HttpResponse<String> first = post(nodes[0].baseUrl + path, cookies, form);
            assertTrue(first.statusCode() == 302 || first.statusCode() == 303, first.statusCode() + " " + first.body());
            assertTrue(first.headers().firstValue("Location").orElse("").endsWith("/multifactor_auth/recovery"), first.headers().map().toString());
            HttpResponse<String> replay = post(nodes[1].baseUrl + path, cookies, form);
            assertEquals(200, replay.statusCode(), replay.body());
            assertTrue(replay.body().contains("Your OTP code is incorrect"), "the replayed assertion is refused: " + replay.body());
        }
    }

    static HttpResponse<String> post(String url, String cookies, String form) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(3)
    void aNodeKilledInTheMiddleOfAFlowLosesNothing() throws Exception {
        Browser browser = new Browser(proxy.url);
        Enrolled e = Mfa.enroll(browser);
        Users.signOut(browser);

        // after the password, before the code: the node that took the password dies
        Page signIn = browser.get("/sign_in");
        int passwordNode = proxy.nextNode();
        Page otp = browser.submit(signIn, "Sign in", Map.of("Email", e.user().email(), "Password", e.user().password()));
        assertEquals("/sign_in/otp", otp.path(), otp.text());
        nodes[passwordNode].kill(true);
        Page in = Mfa.otp(browser, otp, e.app().next());
        assertEquals("/profile/edit", in.path(), "the other node finishes the sign-in: " + in.text());
        assertTrue(proxy.retried() > 0, "the dead node was tried");
        boot(passwordNode);

        // after the QR, before Enable: the node that showed the key dies
        Browser second = new Browser(proxy.url);
        Users.signUp(second);
        int qrNode = proxy.nextNode();
        Page qr = second.get("/totp/new");
        nodes[qrNode].kill(true);
        Page recovery = second.submit(qr, "Enable", Map.of("OTP code", Mfa.readKey(qr).next()));
        assertEquals("/multifactor_auth/recovery", recovery.path(), "the other node enables the key: " + recovery.text());
        assertEquals(10, Mfa.readCodes(recovery).size(), recovery.text());
        boot(qrNode);
    }
}
