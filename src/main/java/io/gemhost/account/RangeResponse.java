package io.gemhost.account;

/**
 * Reading an answer of the breached-password range API: lines {@code SUFFIX:COUNT}, the 35 hex
 * digits of a SHA-1 after the five that were asked, and how often that hash was seen in
 * breaches. With Add-Padding the service mixes in made-up lines of count 0, which are no breach.
 */
public final class RangeResponse {

    private RangeResponse() {
    }

    /** Whether the body lists this suffix with a count above 0; malformed lines are skipped. */
    public static boolean reports(String body, String suffix) {
        for (String line : body.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase(suffix)) {
                continue;
            }
            String count = line.substring(colon + 1).trim();
            if (count.matches("[0-9]{1,20}") && !count.matches("0+")) {
                return true;
            }
        }
        return false;
    }
}
