package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether a password is known from a breach: the range service's answer, and the list shipped in the WAR. */
class BreachedPasswordsTest {

    /** BreachedPasswords.rangeReports: reading an answer of the range API. */
    @Nested
    class RangeAnswers {

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

    /** BreachList: the list in the WAR, and reading one. */
    @Nested
    class ShippedList {

        static byte[] sha1(String password) throws Exception {
            return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void theShippedListHoldsMoreThanTheHundredThousandMostCommonPasswords() throws Exception {
            assertTrue(BreachList.shipped().size() >= 400_000, "entries: " + BreachList.shipped().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"password123", "1234567890", "qwertyuiop", "password1234", "iloveyou12", "123456", "password"})
        void commonPasswordsAreOnTheShippedList(String password) throws Exception {
            assertTrue(BreachList.shipped().contains(sha1(password)), password);
        }

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery staple 8xq", "Tr0ub4dor&3 of gemhost", "password123 ", "Password12345678!?"})
        void otherPasswordsAreNot(String password) throws Exception {
            assertFalse(BreachList.shipped().contains(sha1(password)), password);
        }

        @Test
        void lookupFindsEveryEntryIncludingTheFirstAndLastAndNothingBetween() throws Exception {
            byte[] list = HexFormat.of().parseHex("0000000000" + "0000000002" + "7fffffffff" + "8000000000" + "ffffffffff");
            BreachList small = BreachList.read(new ByteArrayInputStream(list));
            assertEquals(5, small.size());
            for (String entry : new String[] {"0000000000", "0000000002", "7fffffffff", "8000000000", "ffffffffff"}) {
                assertTrue(small.contains(HexFormat.of().parseHex(entry + "1234567890abcdef1234")), entry);
            }
            for (String absent : new String[] {"0000000001", "0000000003", "7ffffffffe", "8000000001", "fffffffffe"}) {
                assertFalse(small.contains(HexFormat.of().parseHex(absent + "000000000000000000000000000000")), absent);
            }
        }

        @Test
        void anEmptyListHoldsNothingAndATruncatedOneIsRefused() throws Exception {
            assertFalse(BreachList.read(InputStream.nullInputStream()).contains(sha1("password")));
            assertThrows(IOException.class, () -> BreachList.read(new ByteArrayInputStream(new byte[7])));
            assertThrows(IOException.class, () -> BreachList.read(new ByteArrayInputStream(HexFormat.of().parseHex("0000000002" + "0000000001"))));
        }
    }
}
