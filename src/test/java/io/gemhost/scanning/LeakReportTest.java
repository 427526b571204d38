package io.gemhost.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitHub's report format, and what the log and the mail show of where a key was found. */
class LeakReportTest {

    static java.util.Optional<List<LeakReport.Reported>> parse(String body) {
        return LeakReport.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsGithubsFormat() {
        assertEquals(List.of(new LeakReport.Reported("gemhost_ab", "gemhost_api_key", "https://github.com/a/b/blob/c/x"),
                new LeakReport.Reported("gemhost_oidc_cd", null, null)),
                parse("[{\"token\":\"gemhost_ab\",\"type\":\"gemhost_api_key\",\"url\":\"https://github.com/a/b/blob/c/x\",\"source\":\"content\"},"
                        + " {\"token\":\"gemhost_oidc_cd\",\"url\":null,\"extra\":{\"x\":1}}]").orElseThrow());
        assertEquals(List.of(), parse("[]").orElseThrow());
    }

    @Test
    void anythingElseIsNoReport() {
        for (String bad : List.of("", "{}", "null", "[1]", "[null]", "[[]]", "[{}]", "[{\"token\":1}]", "[{\"token\":\"x\",\"url\":1}]",
                "[{\"token\":\"x\",\"type\":[]}]", "[{\"token\":\"x\",\"extra\":{\"deep\":[[]]}}]", "[".repeat(10_000), "[{\"token\":\"x\"}] x",
                "[" + "{\"token\":\"x\"},".repeat(LeakReport.MAX_TOKENS) + "{\"token\":\"x\"}]")) {
            assertTrue(parse(bad).isEmpty(), bad.length() > 60 ? bad.substring(0, 60) : bad);
        }
    }

    @Test
    void thePlaceIsPlainTextOfBoundedLength() {
        assertEquals("https://github.com/a/b", LeakReport.place(" https://github.com/a/b\n"));
        assertEquals("https://x/?Bcc: someone", LeakReport.place("https://x/\r\nBcc: someone").replace("??", "?"));
        assertEquals("a?b", LeakReport.place("a\u202eb"));
        assertEquals(LeakReport.MAX_PLACE + 3, LeakReport.place("https://github.com/" + "a".repeat(500)).length());
        assertEquals("an address the report did not give", LeakReport.place(null));
    }
}
