package io.gemhost.mfa;

import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one mechanism that checks a second factor, for the browser and the API alike. It asks the
 * factor kinds (FactorKind) that serve the door the input came through (verify: a page; verifyApi:
 * the API), in order, under one throttle
 * and one audit shape; replay refused by consuming the step or the code
 * atomically; attempts counted per account across nodes before each check, paused and finally
 * locked (docs/SECURITY.md, "Throttles"). One transaction per check (tryKind): the account's
 * throttle row is held while the kind checks and uses the input up, and the outcome is written
 * before it commits: a failure counted, or, if a kind accepted the input, the throttle cleared and
 * (on the API) the code window opened. The action the check allows runs after that commit, so a
 * failure is counted even when the action does not happen.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecondFactor {

    /** What a check came to: accepted (by the kind the Verdict names), or why not. */
    public enum Outcome { ACCEPTED, MISSING, WRONG, PAUSED, LOCKED }

    /**
     * kind: the name of the kind that accepted the input (FactorKind.name), null unless ACCEPTED;
     * recoveryCodesLeft: how many recovery codes are left after one was used, else -1.
     */
    public record Verdict(Outcome outcome, String kind, Duration retryAfter, long recoveryCodesLeft) {
        /** A refusal: no kind accepted anything. */
        public Verdict(Outcome outcome, Duration retryAfter, long recoveryCodesLeft) {
            this(outcome, null, retryAfter, recoveryCodesLeft);
        }

        public boolean ok() {
            return outcome == Outcome.ACCEPTED;
        }

        public static Verdict of(Outcome outcome) {
            return new Verdict(outcome, Duration.ZERO, -1);
        }

        /** This kind accepted the input. */
        public static Verdict accepted(FactorKind kind) {
            return new Verdict(Outcome.ACCEPTED, kind.name(), Duration.ZERO, -1);
        }

        /** This kind accepted a recovery code, and this many are left. */
        public static Verdict accepted(FactorKind kind, long recoveryCodesLeft) {
            return new Verdict(Outcome.ACCEPTED, kind.name(), Duration.ZERO, recoveryCodesLeft);
        }
    }

    @Inject
    @Any
    Instance<FactorKind> installed;

    /** The factor kinds in the order they are asked. */
    List<FactorKind> kinds;

    @PostConstruct
    void sortKinds() {
        kinds = installed.stream().sorted(Comparator.comparingInt(FactorKind::order)).toList();
    }
    @EJB
    Throttles throttles;
    @EJB
    AuditLog audit;
    @Inject
    CodeWindows windows;
    @Inject
    Settings settings;
    @Inject
    Clock clock;
    @Resource
    SessionContext context;

    /**
     * The API door: as verify, except that a code accepted on the API opens a window
     * (GEMHOST_API_CODE_WINDOW_S) in which the same account's requests carrying exactly that code
     * pass without consuming anything more, because the gem client repeats the code on every
     * request of one command. After the window the code is refused for good.
     */
    public Verdict verifyApi(long accountId, String input, Client client) {
        if (input == null || input.isBlank()) {
            return Verdict.of(Outcome.MISSING);
        }
        Optional<FactorKind> kind = kindFor(input, FactorKind.Door.API);
        String digest = CodeWindows.digest(accountId + ":" + kind.map(k -> k.canonical(input)).orElse(input));
        long window = settings.apiCodeWindow().toMillis();
        if (kind.isPresent() && windows.isOpen(accountId, digest, clock.millis() - window)
                && throttles.pause(Throttles.secondFactorKey(accountId)).isEmpty()) {
            return Verdict.accepted(kind.get());
        }
        return check(accountId, input, client, FactorKind.Door.API, digest);
    }

    /**
     * As verify; and when the second factor is locked after 100 failures, a valid input of a kind
     * that unlocks (FactorKind.unlocks: a recovery code) unlocks it. Only the password reset link,
     * which proves the mailbox, offers this. Those inputs have a throttle of their own (pauses, no
     * lock), counted before each check; an input a kind that does not unlock reads (an app code, a
     * key's response) is checked as verify does, and refused while locked.
     */
    public Verdict verifyOrUnlock(long accountId, String input, Client client) {
        String key = Throttles.secondFactorKey(accountId);
        Optional<FactorKind> kind = input == null || input.isBlank() ? Optional.empty() : kindFor(input, FactorKind.Door.BROWSER);
        if (input != null && !input.isBlank() && throttles.locked(key) && kind.map(FactorKind::unlocks).orElse(true)) {
            String unlockKey = Throttles.unlockKey(accountId);
            Throttles.Attempt attempt = throttles.attempt(unlockKey, false);
            if (!attempt.allowed()) {
                return new Verdict(Outcome.PAUSED, attempt.retryAfter(), -1);
            }
            Optional<Verdict> unlocked = kind.isPresent()
                    ? self().useUp(new Counted(accountId), kind.get(), accountId, input, client) : Optional.empty();
            if (unlocked.isPresent()) {
                throttles.reset(unlockKey);
                audit.record(accountId, EventKind.SECOND_FACTOR_UNLOCKED, "with " + unlocked.get().kind() + " on a password reset", client);
                return unlocked.get();
            }
            audit.record(accountId, EventKind.OTP_FAILED, "recovery code to unlock, on a password reset", client);
            Duration pause = attempt.pauseIfFailed();
            return pause.isZero() ? new Verdict(Outcome.LOCKED, Duration.ofDays(365), -1) : new Verdict(Outcome.PAUSED, pause, -1);
        }
        return verify(accountId, input, client);
    }

    /**
     * The pages' door: checks an input against the account's factors that serve a browser, kind by
     * kind. The attempt is counted before any check runs, so concurrent guesses cannot outrun the
     * pause; a missing input is no attempt and is not counted. An input no kind at this door
     * accepts (the gem client's WebAuthn verification code included) is a wrong code, never an error.
     */
    public Verdict verify(long accountId, String input, Client client) {
        return check(accountId, input, client, FactorKind.Door.BROWSER, null);
    }

    /** As verify, at this door; an accepted input opens the code window of {@code windowDigest} unless that is null. */
    private Verdict check(long accountId, String input, Client client, FactorKind.Door door, String windowDigest) {
        String key = Throttles.secondFactorKey(accountId);
        if (input == null || input.isBlank()) {
            Optional<Duration> pause = throttles.pause(key);
            return pause.isPresent()
                    ? new Verdict(throttles.locked(key) ? Outcome.LOCKED : Outcome.PAUSED, pause.get(), -1)
                    : Verdict.of(Outcome.MISSING);
        }
        Optional<FactorKind> kind = kindFor(input, door);
        Tried tried = kind.isEmpty() ? new Tried(throttles.attempt(key, true), Optional.empty())
                : Throttles.retriedOnRace(() -> self().tryKind(kind.get(), accountId, input, client, windowDigest));
        Throttles.Attempt attempt = tried.attempt();
        if (!attempt.allowed()) {
            return new Verdict(attempt.locked() ? Outcome.LOCKED : Outcome.PAUSED, attempt.retryAfter(), -1);
        }
        return tried.used().orElseGet(() -> failed(accountId, attempt, client));
    }

    /** What tryKind came to: the attempt as the throttle numbered or refused it, and the verdict if a kind accepted the input. */
    public record Tried(Throttles.Attempt attempt, Optional<Verdict> used) {
    }

    /**
     * One check in one transaction. The account's throttle row is held first (Throttles.hold), so
     * concurrent checks of one account take turns and none runs before the one before it is counted;
     * refused while paused or locked, with nothing checked. Then the kind checks the input and uses
     * it up (and logs what it logs); the throttle is settled (cleared after a success, one more
     * failure otherwise) and, after a success with {@code windowDigest} given, the API's code window
     * opens. Locks come in one order (the throttle's row, the kind's, the window's), so concurrent
     * checks of one account never deadlock. Public only so that the container runs it, through the
     * bean's own reference, in its transaction; run again whole if the account's first attempt ever
     * made its throttle row at the same moment as another's (Throttles.retriedOnRace).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Tried tryKind(FactorKind kind, long accountId, String input, Client client, String windowDigest) {
        String key = Throttles.secondFactorKey(accountId);
        Throttles.Attempt attempt = throttles.hold(key);
        if (!attempt.allowed()) {
            return new Tried(attempt, Optional.empty());
        }
        Optional<Verdict> used = kind.use(accountId, input, client);
        throttles.settle(key, attempt, used.isPresent(), true);
        if (used.isPresent() && windowDigest != null) {
            long now = clock.millis();
            windows.open(accountId, windowDigest, now, now - settings.apiCodeWindow().toMillis());
        }
        return new Tried(attempt, used);
    }

    /**
     * The unlock's use of an input (verifyOrUnlock), in one transaction: the kind checks the input
     * and uses it up (and logs what it logs); if it accepted it, the second factor's throttle is
     * cleared. Not a check by itself: it runs only after the unlock's attempt was counted, and it takes the
     * {@link Counted} that only verifyOrUnlock makes; it is public only so that the container runs
     * it, through the bean's own reference, in its transaction. While the factor is locked, every
     * check is refused before it asks for a kind's row, so this and tryKind never wait on each other
     * in opposite orders.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Verdict> useUp(Counted counted, FactorKind kind, long accountId, String input, Client client) {
        if (counted == null || counted.accountId != accountId) {
            throw new IllegalStateException("a second factor is used up only after its attempt was counted");
        }
        Optional<Verdict> used = kind.use(accountId, input, client);
        if (used.isPresent()) {
            throttles.reset(Throttles.secondFactorKey(accountId));
        }
        return used;
    }

    /** That an attempt of this account was counted and allowed: only this class makes one, and useUp requires it. */
    public static final class Counted {
        private final long accountId;

        private Counted(long accountId) {
            this.accountId = accountId;
        }
    }

    private SecondFactor self() {
        return context.getBusinessObject(SecondFactor.class);
    }

    /**
     * The first kind, in order, that serves this door and whose format this input has: an input is
     * tried as one kind only, and never as a kind of another door.
     */
    private Optional<FactorKind> kindFor(String input, FactorKind.Door door) {
        return kinds.stream().filter(k -> k.serves(door) && k.reads(input)).findFirst();
    }

    /** A check that failed; the attempt was counted before it ran (Throttles.failed: the one path of every factor kind). */
    private Verdict failed(long accountId, Throttles.Attempt attempt, Client client) {
        Throttles.Failed failed = throttles.failed(attempt, true, accountId, null, client);
        return switch (failed.failure()) {
            case WRONG -> Verdict.of(Outcome.WRONG);
            case PAUSED -> new Verdict(Outcome.PAUSED, failed.retryAfter(), -1);
            case LOCKED -> new Verdict(Outcome.LOCKED, failed.retryAfter(), -1);
        };
    }
}
