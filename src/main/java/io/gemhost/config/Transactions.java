package io.gemhost.config;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;

/** Work that must follow the fate of the current transaction: files moved, mails sent. */
@ApplicationScoped
public class Transactions {

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Runs {@code action} after the current transaction ends, with whether it committed. */
    public void afterCompletion(Consumer<Boolean> action) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }
}
