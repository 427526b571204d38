package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, proof 1 (-Ppostgres only): two Payara Micro nodes on one PostgreSQL database. Codes,
 * windows and throttles live in the database, so neither node can be used to get around the other.
 */
class TwoNodesPostgresIT {

    static final String DB = "gemhost_it_nodes";
    static ServerProcess a;
    static ServerProcess b;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.freshPostgresDatabase(DB);
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_DB_NAME", DB);
        env.put("GEMHOST_SECRET_KEY", LifecycleIT.secret());
        Path target = Path.of("target").toAbsolutePath();
        // both nodes boot at once, as a cluster does (Flyway's lock on PostgreSQL lets one of them
        // migrate the fresh database while the other waits), and one boot's time is spared
        Path dataB = Files.createTempDirectory(target, "it-node-b-");
        CompletableFuture<ServerProcess> nodeB = CompletableFuture.supplyAsync(() -> {
            try {
                return new ServerProcess("node-b", dataB, env);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            a = new ServerProcess("node-a", Files.createTempDirectory(target, "it-node-a-"), env);
        } finally {
            b = nodeB.join();
        }
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aTotpCodeAcceptedOnNodeAIsRefusedOnNodeB() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        String code = e.app().next();
        Browser onA = new Browser(a.baseUrl);
        Browser onB = new Browser(b.baseUrl);
        Page otpA = Mfa.password(onA, e.user());
        Page otpB = Mfa.password(onB, e.user());

        assertEquals("/profile/edit", Mfa.otp(onA, otpA, code).path());
        Page replay = Mfa.otp(onB, otpB, code);

        assertEquals("/sign_in/otp", replay.path(), replay.text());
        assertTrue(replay.text().contains("Your OTP code is incorrect"), replay.text());
    }

    @Test
    void oneRecoveryCodeFiredAtBothNodesByTwentySignInsSucceedsOnce() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        assertEquals(1, MfaIT.race(e, e.recoveryCodes().get(0), a.baseUrl, b.baseUrl));
    }

    @Test
    void anApiCodeWindowHoldsOnBothNodesAndEndsOnBoth() throws Exception {
        Browser browser = new Browser(a.baseUrl);
        Enrolled e = Mfa.enroll(browser);
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        String basic = Api.basic(e.user().email(), e.user().password());
        String code = e.app().next();

        assertEquals(200, signin(a, basic, code).statusCode());
        assertEquals(200, signin(b, basic, code).statusCode(), "the same code within its window, on the other node");

        try (Connection db = a.db(); var s = db.prepareStatement(
                "UPDATE api_code_window SET accepted_at = accepted_at - 3600000 WHERE account_id = (SELECT id FROM account WHERE email = ?)")) {
            s.setString(1, e.user().email());
            s.executeUpdate();
        }
        for (ServerProcess node : List.of(a, b)) {
            HttpResponse<String> after = signin(node, basic, code);
            assertEquals(401, after.statusCode());
            assertEquals(ApiLevelsIT.INCORRECT, after.body());
        }
    }

    @Test
    void failuresOnBothNodesAddUpToOneThrottle() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        Browser onA = new Browser(a.baseUrl);
        Browser onB = new Browser(b.baseUrl);
        Page pa = Mfa.password(onA, e.user());
        Page pb = Mfa.password(onB, e.user());
        for (int i = 0; i < 5; i++) {
            pa = Mfa.otp(onA, pa, e.app().wrong());
            pb = Mfa.otp(onB, pb, e.app().wrong());
        }
        assertTrue(pb.text().contains("Too many wrong codes"), pb.text());
        Page right = Mfa.otp(onA, pa, e.app().next());
        assertEquals("/sign_in/otp", right.path());
        assertTrue(right.text().contains("Too many wrong codes"), right.text());
    }

    @Test
    void fiftyConcurrentWrongPasswordsOverBothNodesRunAtMostTenChecks() throws Exception {
        Users.User user = Users.signUp(new Browser(a.baseUrl));
        List<Integer> statuses = ThrottleRaceIT.wrongPasswords(user, a.baseUrl, b.baseUrl);
        ThrottleRaceIT.assertChecks(a, user.email(), statuses, 401, "SIGN_IN_FAILED", "SIGN_IN_THROTTLED");
    }

    @Test
    void fiftyConcurrentWrongOtpsOverBothNodesRunAtMostTenChecks() throws Exception {
        Enrolled e = ThrottleRaceIT.uiAndApi(a.baseUrl);
        List<Integer> statuses = ThrottleRaceIT.wrongOtps(e, a.baseUrl, b.baseUrl);
        ThrottleRaceIT.assertChecks(a, e.user().email(), statuses, 401, "OTP_FAILED");
    }

    static HttpResponse<String> signin(ServerProcess node, String basic, String code) throws Exception {
        return Api.form("POST", node.baseUrl + "/api/v1/api_key", Api.headers(basic, code), Api.ALL_SCOPES);
    }
}
