package io.gemhost.gems;

import java.nio.file.Path;

/** The file of a yanked version, fired inside the yank's transaction: {@link GemDirectory} deletes it on commit. */
record GemFileYanked(Path file) {
}
