package io.gemhost.gems;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;

/** At startup, repairs what a crash can leave between the gem files and their rows. */
@Startup
@Singleton
@DependsOn("Migrations")
public class GemStore {

    private static final Logger LOG = Logger.getLogger(GemStore.class.getName());

    @EJB
    Gems gems;

    @PostConstruct
    void reconcile() {
        try {
            List<String> missing = gems.reconcile();
            if (!missing.isEmpty()) {
                LOG.warning(missing.size() + " gem versions have no file in " + gems.directory() + ", e.g. " + missing.get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + gems.directory(), e);
        }
    }
}
