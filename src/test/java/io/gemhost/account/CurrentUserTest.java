package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentUserTest {

    /** Session rows by key; counts the reads as the database would see them. */
    static final class Rows extends SessionRowCheck {
        final Set<String> open = new HashSet<>();
        int reads;

        Rows() {
            sessions = new Sessions() {
                @Override
                public boolean isOpen(String key, long accountId) {
                    reads++;
                    return open.contains(key);
                }
            };
        }
    }

    private static CurrentUser user(Rows rows) {
        CurrentUser user = new CurrentUser();
        user.rows = rows;
        return user;
    }

    @Test
    void aSignedInIdentityIsReadOnlyWhileItsRowExists() {
        Rows rows = new Rows();
        rows.open.add("k1");
        CurrentUser user = user(rows);
        user.signedIn(7, "ada", "k1");
        assertEquals(7, user.getAccountId());
        assertEquals("ada", user.getHandle());
        assertTrue(user.isSignedIn());
        assertEquals(1, rows.reads, "one read of the row per request, however often the identity is used");

        Rows nextRequest = new Rows(); // the row was deleted elsewhere before the next request
        user.rows = nextRequest;
        assertThrows(NotSignedInException.class, user::getAccountId);
        assertNull(user.getHandle());
        assertFalse(user.isSignedIn());
        assertFalse(user.wasEndedElsewhere(), "already signed out here");
    }

    @Test
    void theFirstRequestAfterTheEndSaysSoOnce() {
        Rows rows = new Rows();
        CurrentUser user = user(rows);
        user.signedIn(7, "ada", "k2");
        assertTrue(user.wasEndedElsewhere());
        assertFalse(user.wasEndedElsewhere());
        assertFalse(user.isSignedIn());
    }

    @Test
    void aNewSignInInTheSameRequestIsCheckedAgain() {
        Rows rows = new Rows();
        CurrentUser user = user(rows);
        user.signedIn(7, "ada", "old");
        assertFalse(user.isSignedIn());
        rows.open.add("new");
        user.signedIn(7, "ada", "new");
        assertTrue(user.isSignedIn());
    }

    @Test
    void aStrangerNeedsNoRead() {
        Rows rows = new Rows();
        CurrentUser user = user(rows);
        assertFalse(user.isSignedIn());
        assertFalse(user.wasEndedElsewhere());
        assertEquals(0, rows.reads);
    }
}
