package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Browser rows by token, in memory, as BrowserStates keeps them in the database. */
    static final class Rows2 extends BrowserStates {
        final Map<String, BrowserState> rows = new HashMap<>();
        int saves;

        @Override
        public Optional<BrowserState> find(String token) {
            return Optional.ofNullable(rows.get(token));
        }

        @Override
        public String create(BrowserState state) {
            String token = random();
            state.csrf = random();
            rows.put(token, state);
            return token;
        }

        @Override
        public boolean save(String token, BrowserState state) {
            saves++;
            return rows.containsKey(token);
        }

        @Override
        public Optional<String> rotate(String token, BrowserState state) {
            BrowserState row = rows.remove(token);
            if (row == null) {
                return Optional.empty();
            }
            String fresh = random();
            state.csrf = random();
            rows.put(fresh, state);
            return Optional.of(fresh);
        }

        @Override
        public void end(String token) {
            rows.remove(token);
        }
    }

    private static CurrentUser browser(Rows2 states, List<String> cookies, String token) {
        CurrentUser user = user(new Rows());
        user.states = states;
        user.attach(token, cookies::add);
        return user;
    }

    @Test
    void aNewBrowserGetsARowAndACookieAndOnlyItsOwnFormTokenPasses() {
        Rows2 states = new Rows2();
        List<String> cookies = new ArrayList<>();
        CurrentUser user = browser(states, cookies, null);
        assertEquals(1, cookies.size(), "the cookie is set at once");
        assertEquals(1, states.rows.size());
        String token = user.getFormToken();
        assertTrue(user.formTokenMatches(token));
        assertFalse(user.formTokenMatches(null));
        assertFalse(user.formTokenMatches(BrowserStates.random()), "another browser's token");

        CurrentUser nextRequest = browser(states, cookies, cookies.get(0));
        assertEquals(1, cookies.size(), "a known browser keeps its cookie");
        assertTrue(nextRequest.formTokenMatches(token));
        assertEquals(0, states.saves, "reading the state writes nothing");
    }

    @Test
    void signingInRotatesTheTokenAndSigningOutEndsTheRow() {
        Rows2 states = new Rows2();
        List<String> cookies = new ArrayList<>();
        CurrentUser user = browser(states, cookies, null);
        String before = cookies.get(0);
        String formBefore = user.getFormToken();
        user.rotate();
        user.awaitSecondFactor(7, "ada", "/profile/edit");
        String after = cookies.get(cookies.size() - 1);
        assertNotEquals(before, after);
        assertNotEquals(formBefore, user.getFormToken());
        assertFalse(states.rows.containsKey(before), "the old token names nothing");

        CurrentUser elsewhere = browser(states, cookies, after);
        assertTrue(elsewhere.isAwaitingSecondFactor(), "the next request, on any node, finds the half signed-in state");
        assertEquals(7, elsewhere.getPendingAccountId());

        elsewhere.end();
        assertFalse(states.rows.containsKey(after));
        assertFalse(browser(states, cookies, after).isAwaitingSecondFactor(), "an ended session's cookie is a stranger's");
    }
}
