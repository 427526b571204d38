package io.gemhost.gems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void sortsAsRubyGemsDoes() {
        List<String> expected = List.of("0.9", "1.0.0.a", "1.0.0.rc1", "1.0.0.rc2", "1.0.0", "1.0.1", "1.2", "1.10", "2.0.0.pre", "2.0.0", "10.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(VersionOrder.ORDER);
        assertEquals(expected, shuffled);
    }

    @Test
    void theLatestIsTheHighestNotTheLastPushed() {
        assertEquals(Optional.of("2.0.0"), VersionOrder.latest(List.of("1.0.0", "2.0.0", "1.9.9", "2.0.0.rc1")));
        assertTrue(VersionOrder.latest(List.of()).isEmpty());
        assertEquals(0, VersionOrder.compare("1.0", "1.0"));
        assertTrue(VersionOrder.compare("1.0", "1.0.0") < 0 || VersionOrder.compare("1.0", "1.0.0") > 0, "distinct spellings still order");
    }
}
