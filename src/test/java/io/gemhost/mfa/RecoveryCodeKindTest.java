package io.gemhost.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.audit.EventKind;
import io.gemhost.recovery.RecoveryCodes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recovery codes answer for themselves: not primary, they unlock, and a used one is logged with what is left. */
class RecoveryCodeKindTest {

    static class OneCode extends RecoveryCodes {
        boolean consumed;

        @Override
        public Optional<Long> match(long accountId, String input) {
            return input.equals("AB3D7F-GH9K2M-PQ4R5T") ? Optional.of(5L) : Optional.empty();
        }

        @Override
        public boolean consume(long codeId) {
            boolean first = !consumed;
            consumed = true;
            return first;
        }

        @Override
        public long remaining(long accountId) {
            return consumed ? 9 : 10;
        }
    }

    @Test
    void aUsedCodeIsLoggedWithWhatIsLeft() {
        RecoveryCodeKind kind = new RecoveryCodeKind();
        kind.codes = new OneCode();
        SecondFactorTest.FakeLog log = new SecondFactorTest.FakeLog();
        kind.audit = log;

        assertTrue(kind.reads("ab3d7f gh9k2m pq4r5t") && kind.reads("AB3D7F-GH9K2M-PQ4R5T"));
        assertEquals(Optional.of(SecondFactor.Verdict.accepted(kind, 9)), kind.use(1, "AB3D7F-GH9K2M-PQ4R5T", SecondFactorTest.CLIENT));
        assertEquals(List.of(EventKind.RECOVERY_CODE_USED), log.events);
        assertEquals(Optional.empty(), kind.use(1, "AB3D7F-GH9K2M-PQ4R5T", SecondFactorTest.CLIENT), "once");
        assertEquals(List.of(EventKind.RECOVERY_CODE_USED), log.events);
        assertTrue(kind.unlocks() && !kind.primary());
    }
}
