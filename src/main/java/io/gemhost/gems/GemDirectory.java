package io.gemhost.gems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes GEMHOST_DATA/gems follow the database once a push or yank has been decided: a staged
 * file is moved into place after its commit and deleted after a rollback; a yanked file is
 * deleted after its commit. What a crash between commit and file operation leaves is repaired
 * at startup by {@link Gems#reconcile()}.
 */
@ApplicationScoped
public class GemDirectory {

    /** A pushed file written under its temporary name, fired inside the push's transaction: moved to {@code target} on commit, deleted on rollback. */
    public record GemFileStaged(Path temporary, Path target) {
    }

    /** The file of a yanked version, fired inside the yank's transaction: deleted on commit. */
    record GemFileYanked(Path file) {
    }

    void place(@Observes(during = TransactionPhase.AFTER_SUCCESS) GemFileStaged staged) {
        try {
            moveIntoPlace(staged.temporary(), staged.target());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves a committed version's file into place. With GEMHOST_DATA/gems shared by several nodes,
     * a node starting meanwhile may have moved it first ({@link Gems#reconcile()}): then the
     * temporary is gone and the target is there, which is the same result.
     */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.NoSuchFileException gone) {
            if (!Files.exists(target)) {
                throw gone;
            }
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
