package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeResponseTest {

    static final String SUFFIX = "1E4C9B93F3F0682250B6CF8331B7EE68FD8"; // SHA-1("password") without 5BAA6

    @Test
    void aLineWithTheSuffixAndACountReportsTheBreach() {
        String body = "003D68EB55068C33ACE09247EE4C639306B:3\r\n" + SUFFIX + ":10434004\r\n012C192B2F16F82EA0EB9EF18D9D539B0DD:1";
        assertTrue(BreachedPasswords.rangeReports(body, SUFFIX));
    }

    @Test
    void suffixesCompareWithoutCaseAndLinesMayEndInLfOnlyOrCarrySpaces() {
        assertTrue(BreachedPasswords.rangeReports("AAAA:1\n " + SUFFIX.toLowerCase() + " : 2 \n", SUFFIX));
        assertTrue(BreachedPasswords.rangeReports(SUFFIX + ":7", SUFFIX.toLowerCase()));
    }

    @Test
    void paddingLinesOfCountZeroAreNoBreach() {
        assertFalse(BreachedPasswords.rangeReports("003D68EB55068C33ACE09247EE4C639306B:3\r\n" + SUFFIX + ":0\r\n", SUFFIX));
    }

    @Test
    void otherSuffixesMalformedLinesAndEmptyBodiesAreNoBreach() {
        assertFalse(BreachedPasswords.rangeReports("003D68EB55068C33ACE09247EE4C639306B:3\r\n", SUFFIX));
        assertFalse(BreachedPasswords.rangeReports(SUFFIX + "\r\n" + SUFFIX + ":x\r\n" + SUFFIX + ":-4\r\n" + SUFFIX + "0:5\r\n:9", SUFFIX));
        assertFalse(BreachedPasswords.rangeReports(SUFFIX.substring(1) + ":5", SUFFIX));
        assertFalse(BreachedPasswords.rangeReports("", SUFFIX));
    }

    @Test
    void countsBeyondAnIntStillCount() {
        assertTrue(BreachedPasswords.rangeReports(SUFFIX + ":99999999999999", SUFFIX));
    }
}
