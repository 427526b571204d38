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

    /**
     * Moves this key's stored expiry one second into the past. In the application an expiry never
     * changes, so nothing tells the nodes' read caches (PostgreSQL) about it, and their copy of
     * the key would keep the expiry the test moved: on PostgreSQL the helper also notifies the
     * cache channel for the key's account, so every copy sees the minute pass, and returns once
     * the server has heard it (the key refused; at most 3 s, a notice takes milliseconds).
     */
    public static void expire(String key) {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("UPDATE api_key SET expires_at = ? WHERE digest = ?")) {
            s.setLong(1, System.currentTimeMillis() - 1000);
            s.setString(2, io.gemhost.apikey.ApiKeys.digest(key));
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no stored key to expire");
            }
            if (ServerProcess.postgres()) {
                try (var notify = db.prepareStatement("SELECT pg_notify('gemhost_cache', account_id::text) FROM api_key WHERE digest = ?")) {
                    notify.setString(1, io.gemhost.apikey.ApiKeys.digest(key));
                    notify.executeQuery().close();
                }
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null).statusCode() != 401) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the server did not hear of the moved expiry within 3 s");
                    }
                    Thread.sleep(5);
                }
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
