package io.gemhost.publishing;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;

/** Every 15 minutes, on every node: forgets spent tokens and publisher keys past their expiry. */
@Singleton
public class Cleanup {

    @EJB
    UsedTokens usedTokens;
    @EJB
    PublisherKeys publisherKeys;
    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "*/15", persistent = false)
    void forgetExpired() {
        usedTokens.forgetExpired(clock.instant());
        publisherKeys.forgetExpired(clock.instant());
    }
}
