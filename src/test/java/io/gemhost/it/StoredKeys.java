package io.gemhost.it;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * API keys as the server stores them, for tests that must not wait for a clock: a key made to
 * expire a minute ahead has its stored expiry moved into the past, as if that minute had passed.
 */
public final class StoredKeys {

    private StoredKeys() {
    }

    /** Moves this key's stored expiry one second into the past. */
    public static void expire(String key) {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("UPDATE api_key SET expires_at = ? WHERE digest = ?")) {
            s.setLong(1, System.currentTimeMillis() - 1000);
            s.setString(2, io.gemhost.apikey.ApiKeys.digest(key));
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no stored key to expire");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored scopes of this key, as the server keeps them (codes separated by spaces). */
    public static String scopes(String key) {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT scopes FROM api_key WHERE digest = ?")) {
            s.setString(1, io.gemhost.apikey.ApiKeys.digest(key));
            var rs = s.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("no stored key");
            }
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
