/**
 * Gems: their versions and owners, and the files under GEMHOST_DATA/gems, which follow the database
 * (moved into place or deleted only after a commit, repaired at startup). Reading an uploaded {@code .gem}
 * (its tar layout and the {@code Gem::Specification} YAML inside) into a validated {@link io.gemhost.gems.GemSpec}
 * treats every byte as hostile: it must never instantiate anything a YAML tag asks for, never read past its size
 * limits, and never throw anything but {@link io.gemhost.gems.InvalidGemException}.
 */
package io.gemhost.gems;
