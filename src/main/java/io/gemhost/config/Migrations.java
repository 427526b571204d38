package io.gemhost.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Creates and upgrades the schema with Flyway before anything else runs, on H2 and PostgreSQL
 * alike, so an upgrade keeps users' data. Flyway manages its own transactions.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    /** The newest migration this build ships; null until the start migrated. */
    private volatile MigrationVersion newest;
    private volatile boolean postgres;

    @PostConstruct
    void migrate() {
        String missing = Settings.missingForProduction();
        if (missing != null) {
            String message = "gemhost refuses to start: GEMHOST_MODE=production needs " + missing;
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
        try {
            Settings.parseOidcProviders(Settings.read("GEMHOST_OIDC_PROVIDERS", Settings.DEFAULT_OIDC_PROVIDERS),
                    "production".equalsIgnoreCase(Settings.read("GEMHOST_MODE", "development")));
            Settings.mfaPolicy();
        } catch (IllegalStateException e) {
            LOG.severe("gemhost refuses to start: " + e.getMessage());
            throw e;
        }
        String product = product();
        requireConfiguredDatabase(product);
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        postgres = product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
        if (postgres) {
            locations.add("classpath:db/vendor/postgresql"); // what only PostgreSQL has: the read caches' notifications
        }
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load();
        flyway.migrate();
        newest = Arrays.stream(flyway.info().all())
                .filter(m -> m.getVersion() != null && !m.getState().name().startsWith("FUTURE")) // FUTURE: applied by a newer build
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
    }

    /** Whether the database is PostgreSQL (known once the start has connected). */
    @Lock(LockType.READ)
    public boolean onPostgres() {
        return postgres;
    }

    /**
     * Whether the schema holds every migration this build ships (a newer build's further
     * migrations are fine): one read of Flyway's history through the pool, within {@code timeoutS}.
     */
    @Lock(LockType.READ)
    public boolean current(int timeoutS) {
        MigrationVersion wanted = newest;
        if (wanted == null) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            s.setQueryTimeout(timeoutS);
            MigrationVersion applied = MigrationVersion.EMPTY;
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    MigrationVersion v = MigrationVersion.fromVersion(rows.getString(1));
                    applied = v.compareTo(applied) > 0 ? v : applied;
                }
            }
            return applied.compareTo(wanted) >= 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The database's product name; a database that cannot be reached refuses the start. */
    private String product() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            String message = "gemhost refuses to start: cannot connect to the database (" + Settings.read("GEMHOST_DB", "h2") + "): " + e.getMessage();
            LOG.severe(message);
            throw new IllegalStateException(message, e);
        }
    }

    /** GEMHOST_DB=postgres with a server still on H2 means its command file failed: refuse to run on the wrong database. */
    private void requireConfiguredDatabase(String product) {
        String wanted = Settings.read("GEMHOST_DB", null);
        if (wanted == null) {
            return; // a server configured by other means than server-config/
        }
        if (!product.toLowerCase(java.util.Locale.ROOT).contains(wanted.toLowerCase(java.util.Locale.ROOT))) {
            String message = "gemhost refuses to start: GEMHOST_DB=" + wanted + " but java:comp/DefaultDataSource is " + product
                    + "; check the server's configuration (server-config/" + wanted + ".asadmin on Payara, server-config/wildfly.cli on WildFly) in the server log";
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
    }
}
