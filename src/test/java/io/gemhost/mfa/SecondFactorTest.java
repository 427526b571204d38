package io.gemhost.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SecondFactor's decision tree, with the throttle, the log and the factor kinds played by fakes. */
class SecondFactorTest {

    static final Client CLIENT = new Client("127.0.0.1", "test");

    /** A throttle that allows attempts numbered from 1, or refuses them all. */
    static class FakeThrottles extends Throttles {
        int counted;
        int resets;
        Attempt refusal;
        int nextNumber = 1;

        @Override
        public Attempt attempt(String key, boolean lockable) {
            if (refusal != null) {
                return refusal;
            }
            counted++;
            return new Attempt(nextNumber++, Duration.ZERO, false);
        }

        /** A second factor's attempt inside its check's transaction counts the same way. */
        @Override
        public Attempt hold(String key) {
            return attempt(key, true);
        }

        @Override
        public void settle(String key, Attempt held, boolean succeeded, boolean lockable) {
            if (succeeded) {
                resets++;
            }
        }

        @Override
        public Optional<Duration> pause(String key) {
            return refusal == null ? Optional.empty() : Optional.of(refusal.retryAfter());
        }

        @Override
        public boolean locked(String key) {
            return refusal != null && refusal.locked();
        }

        @Override
        public void reset(String key) {
            resets++;
        }
    }

    static class FakeLog extends AuditLog {
        final List<EventKind> events = new ArrayList<>();

        @Override
        public void record(Long accountId, EventKind kind, String detail, Client client) {
            events.add(kind);
        }

        @Override
        public void recordWith(Long accountId, EventKind kind, String detail, Client client) {
            events.add(kind);
        }
    }

    /** A kind that reads inputs of one shape and accepts exactly one value. */
    static class FakeKind implements FactorKind {
        final String name;
        final int order;
        final String shape;
        final String right;
        final long codesLeft;
        final List<String> asked = new ArrayList<>();
        FactorKind.Door only; // null: both doors
        boolean configured; // whether the account has one

        FakeKind(String name, int order, String shape, String right, long codesLeft) {
            this.name = name;
            this.order = order;
            this.shape = shape;
            this.right = right;
            this.codesLeft = codesLeft;
        }

        FakeKind(String name, int order, String shape, String right) {
            this(name, order, shape, right, -1);
        }

        @Override public String name() { return name; }
        @Override public int order() { return order; }
        @Override public boolean configuredFor(long accountId) { return configured; }
        @Override public boolean primary() { return codesLeft < 0; }
        @Override public boolean unlocks() { return codesLeft >= 0; }
        @Override public boolean serves(FactorKind.Door door) { return only == null || only == door; }
        @Override public boolean reads(String input) { return input.matches(shape); }
        @Override public void removeAll(long accountId) { }

        @Override
        public Optional<SecondFactor.Verdict> use(long accountId, String input, io.gemhost.audit.Client client) {
            asked.add(input);
            return input.equals(right) ? Optional.of(SecondFactor.Verdict.accepted(this, codesLeft)) : Optional.empty();
        }
    }

    FakeThrottles throttles;
    FakeLog log;
    FakeKind app;
    FakeKind recovery;
    FakeKind key;
    SecondFactor factor;

    @BeforeEach
    void wire() {
        throttles = new FakeThrottles();
        log = new FakeLog();
        app = new FakeKind("app", 10, "[0-9]{6}", "123456");
        recovery = new FakeKind("recovery", 20, "[A-Za-z0-9-]{1,64}", "ABCD-EFGH", 9);
        factor = new SecondFactor();
        factor.throttles = throttles;
        factor.audit = log;
        try { // Throttles.failed logs through the same log (its field is the container's to set)
            var audit = Throttles.class.getDeclaredField("audit");
            audit.setAccessible(true);
            audit.set(throttles, log);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        key = new FakeKind("key", 30, "\\{.*", "{\"signed\":true}");
        factor.kinds = List.of(app, recovery, key);
        // the container's view of the bean itself (useUp runs through it, in its own transaction)
        factor.context = (jakarta.ejb.SessionContext) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {jakarta.ejb.SessionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBusinessObject")) {
                        return factor;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aMissingCodeIsNoAttempt() {
        assertEquals(SecondFactor.Outcome.MISSING, factor.verify(1, null, CLIENT).outcome());
        assertEquals(SecondFactor.Outcome.MISSING, factor.verify(1, "   ", CLIENT).outcome());
        assertEquals(0, throttles.counted);
        assertTrue(app.asked.isEmpty() && recovery.asked.isEmpty());
    }

    @Test
    void aMissingCodeWhilePausedSaysPaused() {
        throttles.refusal = new Throttles.Attempt(0, Duration.ofMinutes(2), false);
        SecondFactor.Verdict v = factor.verify(1, "", CLIENT);
        assertEquals(SecondFactor.Outcome.PAUSED, v.outcome());
        assertEquals(Duration.ofMinutes(2), v.retryAfter());
    }

    @Test
    void aRefusedAttemptAsksNoKind() {
        throttles.refusal = new Throttles.Attempt(0, Duration.ofMinutes(4), false);
        assertEquals(SecondFactor.Outcome.PAUSED, factor.verify(1, "123456", CLIENT).outcome());
        throttles.refusal = new Throttles.Attempt(0, Duration.ofDays(365), true);
        assertEquals(SecondFactor.Outcome.LOCKED, factor.verify(1, "123456", CLIENT).outcome());
        assertTrue(app.asked.isEmpty() && recovery.asked.isEmpty(), "no check runs while paused or locked");
        assertTrue(log.events.isEmpty());
    }

    @Test
    void sixDigitsAreTriedAsAnAppCodeOnlyAndClearTheThrottle() {
        assertEquals(SecondFactor.Verdict.accepted(app), factor.verify(1, "123456", CLIENT));
        assertEquals(List.of("123456"), app.asked);
        assertTrue(recovery.asked.isEmpty(), "an input is tried as one kind only");
        assertEquals(1, throttles.counted, "counted before the check");
        assertEquals(1, throttles.resets);
        assertTrue(log.events.isEmpty());
    }

    @Test
    void anythingElseIsTriedAsARecoveryCode() {
        SecondFactor.Verdict v = factor.verify(1, "ABCD-EFGH", CLIENT);
        assertEquals(SecondFactor.Outcome.ACCEPTED, v.outcome());
        assertEquals("recovery", v.kind());
        assertEquals(9, v.recoveryCodesLeft());
        assertTrue(app.asked.isEmpty());
        assertTrue(log.events.isEmpty(), "a kind logs its own use (RecoveryCodeKind)");
        assertEquals(1, throttles.resets);
    }

    @Test
    void aThirdKindPlugsInUnderTheSameThrottleAndLog() {
        assertEquals(SecondFactor.Verdict.accepted(key), factor.verify(1, "{\"signed\":true}", CLIENT));
        assertEquals(SecondFactor.Outcome.WRONG, factor.verify(1, "{\"signed\":false}", CLIENT).outcome());
        assertEquals(List.of("{\"signed\":true}", "{\"signed\":false}"), key.asked);
        assertTrue(app.asked.isEmpty() && recovery.asked.isEmpty(), "a key's response is tried as a key only");
        assertEquals(2, throttles.counted);
        assertEquals(1, throttles.resets);
        assertEquals(List.of(EventKind.OTP_FAILED), log.events);
    }

    @Test
    void aPageNeverAsksAKindThatServesTheApiOnly() {
        FakeKind commandLine = new FakeKind("command line", 40, "[0-9a-f]{32}", "0123456789abcdef0123456789abcdef");
        commandLine.only = FactorKind.Door.API;
        recovery = new FakeKind("recovery", 20, "[A-Z]{4}-[A-Z]{4}", "ABCD-EFGH", 9);
        factor.kinds = List.of(app, recovery, key, commandLine);
        assertEquals(SecondFactor.Outcome.WRONG, factor.verify(1, "0123456789abcdef0123456789abcdef", CLIENT).outcome());
        assertTrue(commandLine.asked.isEmpty(), "the API's code is not a page's second factor");
        assertEquals(1, throttles.counted, "counted like any wrong code");
        assertEquals(List.of(EventKind.OTP_FAILED), log.events);
    }

    @Test
    void aWrongCodeIsCountedLoggedAndNeverAnError() {
        for (String wrong : new String[] {"654321", "WRONG-CODE", "x".repeat(65), "١٢٣٤٥٦"}) {
            assertEquals(SecondFactor.Outcome.WRONG, factor.verify(1, wrong, CLIENT).outcome(), wrong);
        }
        assertEquals(4, throttles.counted);
        assertEquals(0, throttles.resets);
        assertEquals(List.of(EventKind.OTP_FAILED, EventKind.OTP_FAILED, EventKind.OTP_FAILED, EventKind.OTP_FAILED), log.events);
    }

    @Test
    void theTenthFailurePausesAndTheHundredthLocks() {
        throttles.nextNumber = 10;
        SecondFactor.Verdict tenth = factor.verify(1, "000000", CLIENT);
        assertEquals(SecondFactor.Outcome.PAUSED, tenth.outcome());
        assertEquals(Duration.ofMinutes(1), tenth.retryAfter());
        assertTrue(log.events.contains(EventKind.SECOND_FACTOR_THROTTLED));
        throttles.nextNumber = 100;
        assertEquals(SecondFactor.Outcome.LOCKED, factor.verify(1, "000000", CLIENT).outcome());
        assertTrue(log.events.contains(EventKind.SECOND_FACTOR_LOCKED));
    }
}
