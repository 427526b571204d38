package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeResponseTest {

    static final String SUFFIX = "1E4C9B93F3F0682250B6CF8331B7EE68FD8"; // SHA-1("password") without 5BAA6

    @Test
    void aLineWithTheSuffixAndACountReportsTheBreach() {
        String body = "003D68EB55068C33ACE09247EE4C639306B:3\r\n" + SUFFIX + ":10434004\r\n012C192B2F16F82EA0EB9EF18D9D539B0DD:1";
        assertTrue(RangeResponse.reports(body, SUFFIX));
    }

    @Test
    void suffixesCompareWithoutCaseAndLinesMayEndInLfOnlyOrCarrySpaces() {
        assertTrue(RangeResponse.reports("AAAA:1\n " + SUFFIX.toLowerCase() + " : 2 \n", SUFFIX));
        assertTrue(RangeResponse.reports(SUFFIX + ":7", SUFFIX.toLowerCase()));
    }

    @Test
    void paddingLinesOfCountZeroAreNoBreach() {
        assertFalse(RangeResponse.reports("003D68EB55068C33ACE09247EE4C639306B:3\r\n" + SUFFIX + ":0\r\n", SUFFIX));
    }

    @Test
    void otherSuffixesMalformedLinesAndEmptyBodiesAreNoBreach() {
        assertFalse(RangeResponse.reports("003D68EB55068C33ACE09247EE4C639306B:3\r\n", SUFFIX));
        assertFalse(RangeResponse.reports(SUFFIX + "\r\n" + SUFFIX + ":x\r\n" + SUFFIX + ":-4\r\n" + SUFFIX + "0:5\r\n:9", SUFFIX));
        assertFalse(RangeResponse.reports(SUFFIX.substring(1) + ":5", SUFFIX));
        assertFalse(RangeResponse.reports("", SUFFIX));
    }

    @Test
    void countsBeyondAnIntStillCount() {
        assertTrue(RangeResponse.reports(SUFFIX + ":99999999999999", SUFFIX));
    }
}
