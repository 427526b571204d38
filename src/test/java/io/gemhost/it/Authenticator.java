package io.gemhost.it;

import io.gemhost.totp.Base32;
import io.gemhost.totp.Totp;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A phone's authenticator app for tests: codes for steps that only move forward, since the
 * server accepts each step once ({@code totp_key.last_step}). It hands out the current and the
 * next step. When both are used it does not wait 30 seconds for the clock: an authenticator
 * bound to its account (on a server of this run) moves the account's stored last step back
 * through JDBC, as if that much time had passed, and hands out the current step again. An
 * unbound one (the key of a server the tests cannot reach, such as WildFly's) fails instead.
 */
public final class Authenticator {

    public final String base32;
    private final byte[] key;
    private final ServerProcess server;
    private final long accountId;
    private long lastStep = Long.MIN_VALUE;

    /** An authenticator that cannot rewind: at most two codes (the current and the next step). */
    public Authenticator(String keyText) {
        this(keyText, null, -1);
    }

    private Authenticator(String keyText, ServerProcess server, long accountId) {
        this.base32 = keyText.replace(" ", "");
        this.key = Base32.decode(base32);
        this.server = server;
        this.accountId = accountId;
    }

    /**
     * The authenticator of the account with this email on the server at this base URL. The account
     * is looked up now, so a later change of its email does not matter. On a server that is not a
     * {@link ServerProcess} of this run, the authenticator is unbound.
     */
    public static Authenticator of(String keyText, String baseUrl, String email) {
        ServerProcess server = ServerProcess.at(baseUrl).orElse(null);
        if (server == null) {
            return new Authenticator(keyText);
        }
        try (Connection db = server.db(); var s = db.prepareStatement("SELECT id FROM account WHERE email = ?")) {
            s.setString(1, email);
            var rs = s.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("no account " + email + " at " + baseUrl);
            }
            return new Authenticator(keyText, server, rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized String next() {
        long now = Totp.step(Instant.now());
        long step = Math.max(lastStep + 1, now);
        if (step > now + 1) {
            rewind(now);
            step = now;
        }
        lastStep = step;
        return Totp.code(key, step);
    }

    /** Makes the server forget that steps from {@code step} on were used by this account. */
    private void rewind(long step) {
        if (server == null) {
            throw new IllegalStateException("this authenticator handed out the current and the next step and is not bound "
                    + "to its account, so it cannot get a fresh code without waiting: make it with Authenticator.of or Mfa.readKey");
        }
        try (Connection db = server.db(); var s = db.prepareStatement(
                "UPDATE totp_key SET last_step = ? WHERE account_id = ? AND last_step >= ?")) {
            s.setLong(1, step - 1);
            s.setLong(2, accountId);
            s.setLong(3, step);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code the server has accepted before (its step is used): for replay tests. */
    public String used() {
        return Totp.code(key, lastStep);
    }

    /** A code that is wrong for this key (right length, digits only). */
    public String wrong() {
        String right = Totp.code(key, Totp.step(Instant.now()));
        char[] c = right.toCharArray();
        c[0] = (char) ('0' + (c[0] - '0' + 5) % 10);
        return new String(c);
    }
}
