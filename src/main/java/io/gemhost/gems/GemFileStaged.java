package io.gemhost.gems;

import java.nio.file.Path;

/** A pushed file written under its temporary name, fired inside the push's transaction: {@link GemDirectory} moves it to {@code target} on commit, deletes it on rollback. */
public record GemFileStaged(Path temporary, Path target) {
}
