package io.gemhost.gems;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gemhost.GemhostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OwnershipRulesTest {

    private static void refused(String key, Executable rule) {
        assertEquals(key, assertThrows(GemhostException.class, rule).messageKey());
    }

    @Test
    void onlyOwnersManageOwnersPushAndYank() {
        refused("gem.notOwner.owners", () -> OwnershipRules.mayManage(false));
        refused("gem.notOwner.push", () -> OwnershipRules.mayPush(false));
        refused("gem.notOwner.yank", () -> OwnershipRules.mayYank(false));
        assertDoesNotThrow(() -> OwnershipRules.mayManage(true));
        assertDoesNotThrow(() -> OwnershipRules.mayPush(true));
        assertDoesNotThrow(() -> OwnershipRules.mayYank(true));
    }

    @Test
    void aNewOwnerIsNoOwnerYetAndHasConfirmedTheirEmail() {
        refused("gem.owner.already", () -> OwnershipRules.mayAdd(true, true));
        refused("gem.owner.already", () -> OwnershipRules.mayAdd(true, false));
        refused("gem.owner.unconfirmed", () -> OwnershipRules.mayAdd(false, false));
        assertDoesNotThrow(() -> OwnershipRules.mayAdd(false, true));
    }

    @Test
    void theLastOwnerStaysAndOnlyOwnersCanBeRemoved() {
        refused("gem.owner.notFound", () -> OwnershipRules.mayRemove(false, 3));
        refused("gem.owner.last", () -> OwnershipRules.mayRemove(true, 1));
        refused("gem.owner.last", () -> OwnershipRules.mayRemove(true, 0));
        assertDoesNotThrow(() -> OwnershipRules.mayRemove(true, 2));
    }
}
