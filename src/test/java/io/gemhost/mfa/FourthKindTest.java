package io.gemhost.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.MfaLevel;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
import io.gemhost.mfa.SecondFactorTest.FakeKind;
import io.gemhost.mfa.SecondFactorTest.FakeLog;
import io.gemhost.mfa.SecondFactorTest.FakeThrottles;
import io.gemhost.recovery.RecoveryCodes;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fourth kind of second factor that only this test knows: a hardware OTP token. It is one class
 * (HardwareTokenKind); SecondFactor, Levels and Proof take it as they find it, exactly as CDI
 * would hand it to them, through sign-in's second step, a level change, the API's door and the
 * rules that turn MFA on and off (docs/ARCHITECTURE.md, "Adding a kind of second factor"). That
 * this compiles and passes with those classes unchanged is the point.
 */
class FourthKindTest {

    static final Client CLIENT = SecondFactorTest.CLIENT;
    static final long ACCOUNT = 7;

    /**
     * A hardware token in the style of a YubiKey's OTP: 44 modhex characters, each code working
     * once. Both doors; a primary factor, so the first token turns MFA on and the last one gone
     * turns it off.
     */
    static class HardwareTokenKind implements FactorKind {
        static final String NAME = "a hardware token";
        /** The account's tokens' unused codes; an account with a token has an entry. */
        final Map<Long, Set<String>> codes = new HashMap<>();
        final List<String> used = new ArrayList<>();

        @Override public String name() { return NAME; }
        @Override public boolean serves(Door door) { return true; }
        @Override public int order() { return 15; }
        @Override public boolean configuredFor(long accountId) { return codes.containsKey(accountId); }
        @Override public boolean primary() { return true; }
        @Override public boolean reads(String input) { return input.strip().matches("[cbdefghijklnrtuv]{44}"); }
        @Override public String canonical(String input) { return input.strip(); }

        @Override
        public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
            Set<String> unused = codes.getOrDefault(accountId, Set.of());
            if (!unused.remove(input.strip())) {
                return Optional.empty();
            }
            used.add(input.strip());
            return Optional.of(SecondFactor.Verdict.accepted(this));
        }

        @Override
        public void removeAll(long accountId) {
            codes.remove(accountId);
        }

        void register(long accountId, String... tokenCodes) {
            codes.computeIfAbsent(accountId, a -> new HashSet<>()).addAll(List.of(tokenCodes));
        }
    }

    static final String CODE_1 = "cccjgjgkhcbb" + "ikervfddcrkbinjgejhcjjhgkkndlrig";
    static final String CODE_2 = "cccjgjgkhcbb" + "ivjdkckkhttktugikjbdbujvlfhdthuj";
    static final String CODE_3 = "cccjgjgkhcbb" + "gntlhlebijielgkucbndklclklftdkhu";
    static final String CODE_4 = "cccjgjgkhcbb" + "kfjrglcnbugnnkeuhthebbbgfbvilbek";

    /** The one account, its row played by an object; lockFactors is the container's lock. */
    static class FakeAccounts extends Accounts {
        final Account account;
        int locks;

        FakeAccounts(Account account) {
            this.account = account;
        }

        @Override
        public Optional<Account> find(long id) {
            return id == ACCOUNT ? Optional.of(account) : Optional.empty();
        }

        @Override
        public Account lockFactors(long id) {
            locks++;
            return find(id).orElseThrow();
        }
    }

    static class FakeRecoveryCodes extends RecoveryCodes {
        @Override
        public List<String> replace(long accountId) {
            return List.of("AB3D7F-GH9K2M-PQ4R5T");
        }
    }

    static class FakeWindows extends CodeWindows {
        final Map<String, Long> open = new HashMap<>();

        @Override
        public boolean isOpen(long accountId, String digest, long since) {
            return open.getOrDefault(accountId + digest, Long.MIN_VALUE) > since;
        }

        @Override
        public void open(long accountId, String digest, long now, long expiredBefore) {
            open.put(accountId + digest, now);
        }
    }

    /** What CDI hands an injection point of Instance<FactorKind>: here, these kinds. */
    @SuppressWarnings("unchecked")
    static Instance<FactorKind> installed(List<FactorKind> kinds) {
        return (Instance<FactorKind>) Proxy.newProxyInstance(FourthKindTest.class.getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "stream" -> kinds.stream();
                    case "iterator" -> kinds.iterator();
                    case "forEach" -> {
                        kinds.forEach((Consumer<? super FactorKind>) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The container's view of an EJB itself: its business methods called through it run in their transactions. */
    static SessionContext selfIs(Object bean) {
        return (SessionContext) Proxy.newProxyInstance(FourthKindTest.class.getClassLoader(), new Class<?>[] {SessionContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBusinessObject")) {
                        return bean;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    HardwareTokenKind token;
    FakeKind app;
    FakeKind recovery;
    FakeThrottles throttles;
    FakeLog log;
    FakeWindows windows;
    Account account;
    FakeAccounts accounts;
    SecondFactor factor;
    Proof proof;
    Levels levels;

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        token = new HardwareTokenKind();
        app = new FakeKind(AppCodes.NAME, 10, "[0-9]{6}", "123456");
        recovery = new FakeKind(RecoveryCodeKind.NAME, 20, "[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{6}", "AB3D7F-GH9K2M-PQ4R5T", 9);
        Instance<FactorKind> kinds = installed(List.of(recovery, token, app)); // as CDI finds them: in no order

        throttles = new FakeThrottles();
        log = new FakeLog();
        var audit = io.gemhost.account.Throttles.class.getDeclaredField("audit");
        audit.setAccessible(true);
        audit.set(throttles, log);
        windows = new FakeWindows();

        account = new Account("holder@example.com", "holder", "hash", Instant.EPOCH);
        var id = Account.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(account, ACCOUNT);
        accounts = new FakeAccounts(account);

        factor = new SecondFactor();
        factor.installed = kinds;
        factor.sortKinds();
        factor.throttles = throttles;
        factor.audit = log;
        factor.windows = windows;
        factor.settings = new Settings();
        factor.clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        factor.context = selfIs(factor);

        proof = new Proof();
        proof.accounts = accounts;
        proof.secondFactor = factor;

        levels = new Levels();
        levels.proof = proof;
        levels.accounts = accounts;
        levels.kinds = kinds;
        levels.recoveryCodes = new FakeRecoveryCodes();
        levels.audit = log;
        levels.context = selfIs(levels);
    }

    @Test
    void theKindsAreAskedInTheirOrder() {
        assertEquals(List.of(app, token, recovery), factor.kinds);
    }

    @Test
    void signInsSecondStepTakesATokenCodeOnceUnderTheThrottle() {
        account.setMfaLevel(MfaLevel.UI_ONLY);
        token.register(ACCOUNT, CODE_1);

        Proof.Result signIn = proof.secondFactor(ACCOUNT, " " + CODE_1 + " ", MfaPolicy.Action.UI_SIGN_IN, CLIENT);
        assertTrue(signIn.ok());
        assertEquals(SecondFactor.Verdict.accepted(token), signIn.verdict());
        assertEquals(HardwareTokenKind.NAME, signIn.verdict().kind(), "the verdict names the kind that accepted the code");
        assertEquals(1, throttles.counted, "counted before the check");
        assertEquals(1, throttles.resets, "an accepted code clears the throttle");
        assertTrue(app.asked.isEmpty() && recovery.asked.isEmpty(), "a token's code is tried as a token's code only");

        SecondFactor.Verdict again = factor.verify(ACCOUNT, CODE_1, CLIENT);
        assertEquals(SecondFactor.Outcome.WRONG, again.outcome(), "a code works once");
        assertEquals(2, throttles.counted);
        assertEquals(List.of(EventKind.OTP_FAILED), log.events);
    }

    @Test
    void aLevelChangeTakesATokenCodeAndDisabledRemovesTheToken() {
        account.setMfaLevel(MfaLevel.UI_ONLY);
        token.register(ACCOUNT, CODE_1, CODE_2);

        assertTrue(levels.change(ACCOUNT, MfaLevel.UI_AND_API, CODE_1, CLIENT).ok());
        assertEquals(MfaLevel.UI_AND_API, account.getMfaLevel());
        assertTrue(log.events.contains(EventKind.LEVEL_CHANGED));

        assertEquals(SecondFactor.Outcome.WRONG, levels.change(ACCOUNT, MfaLevel.UI_ONLY, CODE_1, CLIENT).outcome());
        assertEquals(MfaLevel.UI_AND_API, account.getMfaLevel(), "a used code changes nothing");

        assertTrue(levels.change(ACCOUNT, MfaLevel.DISABLED, CODE_2, CLIENT).ok());
        assertEquals(MfaLevel.DISABLED, account.getMfaLevel());
        assertFalse(token.configuredFor(ACCOUNT), "switching MFA off removes every kind's factors, this one's too");
    }

    @Test
    void theApiDoorTakesATokenCodeAndItsRepeatsWithinTheWindow() {
        account.setMfaLevel(MfaLevel.UI_AND_API);
        token.register(ACCOUNT, CODE_1);

        Proof.Result push = proof.apiSecondFactor(ACCOUNT, MfaLevel.UI_AND_API, false, CODE_1, MfaPolicy.Action.PUSH, CLIENT);
        assertTrue(push.ok());
        assertEquals(HardwareTokenKind.NAME, push.verdict().kind());
        assertEquals(1, windows.open.size(), "the code's window opened");

        // the gem client repeats the code on each request of one command
        assertEquals(SecondFactor.Verdict.accepted(token), factor.verifyApi(ACCOUNT, CODE_1 + " ", CLIENT));
        assertEquals(List.of(CODE_1), token.used, "the repeat used nothing more");
        assertEquals(1, throttles.counted);

        assertEquals(SecondFactor.Outcome.MISSING, factor.verifyApi(ACCOUNT, "", CLIENT).outcome());
        assertEquals(SecondFactor.Outcome.WRONG, factor.verifyApi(ACCOUNT, CODE_3, CLIENT).outcome());
    }

    @Test
    void aKindThatDeclaresThePagesOnlyIsNeverAskedAtTheApi() {
        HardwareTokenKind pagesOnly = new HardwareTokenKind() {
            @Override public boolean serves(Door door) { return door == Door.BROWSER; }
        };
        factor.installed = installed(List.of(app, recovery, pagesOnly));
        factor.sortKinds();
        pagesOnly.register(ACCOUNT, CODE_1, CODE_2);

        assertEquals(SecondFactor.Outcome.WRONG, factor.verifyApi(ACCOUNT, CODE_1, CLIENT).outcome());
        assertTrue(pagesOnly.used.isEmpty());
        assertEquals(1, throttles.counted, "counted like any wrong code");
        assertTrue(factor.verify(ACCOUNT, CODE_2, CLIENT).ok(), "the pages take it");
    }

    @Test
    void theFirstTokenTurnsMfaOnAndTheLastOneGoneTurnsItOff() {
        assertEquals(MfaLevel.DISABLED, account.getMfaLevel());
        token.register(ACCOUNT, CODE_1, CODE_2, CODE_4);

        Optional<List<String>> codes = levels.factorAdded(token, accounts.lockFactors(ACCOUNT), CLIENT);
        assertEquals(Optional.of(List.of("AB3D7F-GH9K2M-PQ4R5T")), codes, "MFA on, with recovery codes");
        assertEquals(MfaLevel.UI_ONLY, account.getMfaLevel());
        assertTrue(log.events.contains(EventKind.MFA_ENABLED));
        assertEquals(Optional.empty(), levels.factorAdded(token, accounts.lockFactors(ACCOUNT), CLIENT), "a second one changes nothing");
        assertEquals(Optional.empty(), levels.factorAdded(recovery, accounts.lockFactors(ACCOUNT), CLIENT), "only a primary kind turns MFA on");

        // a removal while the account still has a token leaves MFA on (it has no authenticator app)
        Proof.Result removal = proof.secondFactor(ACCOUNT, CODE_1, MfaPolicy.Action.REMOVE_SECURITY_KEY, CLIENT);
        assertTrue(removal.ok());
        assertFalse(levels.factorRemoved(removal.proven(), CLIENT));
        assertEquals(MfaLevel.UI_ONLY, account.getMfaLevel());

        // the token's last code proves the removal of the token itself: the last primary factor is gone
        removal = proof.secondFactor(ACCOUNT, CODE_2, MfaPolicy.Action.REMOVE_SECURITY_KEY, CLIENT);
        assertTrue(removal.ok());
        token.codes.remove(ACCOUNT);
        assertTrue(levels.factorRemoved(removal.proven(), CLIENT));
        assertEquals(MfaLevel.DISABLED, account.getMfaLevel());
        assertTrue(log.events.contains(EventKind.MFA_DISABLED));
    }
}
