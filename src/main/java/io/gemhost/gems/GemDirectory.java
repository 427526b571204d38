package io.gemhost.gems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Makes GEMHOST_DATA/gems follow the database once a push or yank has been decided: a staged
 * file is moved into place after its commit and deleted after a rollback; a yanked file is
 * deleted after its commit. What a crash between commit and file operation leaves is repaired
 * at startup by {@link Gems#reconcile()}.
 */
@ApplicationScoped
public class GemDirectory {

    void place(@Observes(during = TransactionPhase.AFTER_SUCCESS) GemFileStaged staged) {
        try {
            Files.move(staged.temporary(), staged.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void discard(@Observes(during = TransactionPhase.AFTER_FAILURE) GemFileStaged staged) {
        try {
            Files.deleteIfExists(staged.temporary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(@Observes(during = TransactionPhase.AFTER_SUCCESS) GemFileYanked yanked) {
        try {
            Files.deleteIfExists(yanked.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
