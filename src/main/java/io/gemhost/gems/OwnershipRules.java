package io.gemhost.gems;

import io.gemhost.GemhostException;

/**
 * Who may change a gem's owners, and into what: pure, so unit tests cover every case. Gems asks
 * here with what it found in the database; a refusal is a GemhostException the boundary words.
 */
final class OwnershipRules {

    private OwnershipRules() {
    }

    /** Only an owner manages the owners. */
    static void mayManage(boolean callerIsOwner) {
        if (!callerIsOwner) {
            throw new GemhostException("gem.notOwner.owners");
        }
    }

    /** A new owner is not one already, and has proven their email address. */
    static void mayAdd(boolean alreadyOwner, boolean emailConfirmed) {
        if (alreadyOwner) {
            throw new GemhostException("gem.owner.already");
        }
        if (!emailConfirmed) {
            throw new GemhostException("gem.owner.unconfirmed");
        }
    }

    /** Only an owner can be removed, and never the last one: a gem always has someone to answer for it. */
    static void mayRemove(boolean targetIsOwner, int owners) {
        if (!targetIsOwner) {
            throw new GemhostException("gem.owner.notFound");
        }
        if (owners <= 1) {
            throw new GemhostException("gem.owner.last");
        }
    }

    /** Pushing to an existing gem, and yanking, are for its owners. */
    static void mayPush(boolean callerIsOwner) {
        if (!callerIsOwner) {
            throw new GemhostException("gem.notOwner.push");
        }
    }

    static void mayYank(boolean callerIsOwner) {
        if (!callerIsOwner) {
            throw new GemhostException("gem.notOwner.yank");
        }
    }
}
