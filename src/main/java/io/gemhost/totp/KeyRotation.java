package io.gemhost.totp;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Rotation of GEMHOST_SECRET_KEY: start once with the new key in GEMHOST_SECRET_KEY and the old
 * one in GEMHOST_SECRET_KEY_PREVIOUS; every stored key is re-sealed under the new one before
 * the application serves, then the old key can be dropped from the configuration.
 */
@Startup
@Singleton
@DependsOn("Migrations")
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());

    @Inject
    KeyVault vault;
    @EJB
    TotpKeys keys;

    @PostConstruct
    void rotate() {
        if (vault.rotating()) {
            int count = keys.rotate();
            LOG.info("GEMHOST_SECRET_KEY rotation: re-sealed " + count
                    + " authenticator keys; GEMHOST_SECRET_KEY_PREVIOUS can now be removed");
        }
    }
}
