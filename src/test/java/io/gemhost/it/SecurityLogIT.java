package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Gemhost.BehindProxy;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security log as a person reads it: the client summarised with the raw string on demand,
 * addresses in their short form, a machine-readable UTC time that the page's script shows in the
 * reader's zone. Behind the trusted proxy, so a browser can come from any address.
 */
@ExtendWith(BehindProxy.class)
class SecurityLogIT {

    @Test
    void aRowNamesTheClientAndTheShortAddress() throws Exception {
        Browser browser = BehindProxy.browser("2001:0db8:0000:0000:0000:0000:0000:0001");
        Users.signUp(browser);
        Page log = browser.get("/profile/security_log");
        Element row = log.doc().selectFirst("#security-log tbody tr");
        assertTrue(row != null, log.text());
        String ip = row.select("td").get(2).text();
        assertEquals("2001:db8::1", ip);
        Element client = row.select("td").get(3);
        assertTrue(client.ownText().startsWith("Java HTTP client "), client.outerHtml());
        assertTrue(client.selectFirst("details summary") != null, client.outerHtml());
        assertTrue(client.selectFirst("details").text().contains("Java-http-client/"), "the raw string on demand: " + client.outerHtml());
        Element time = row.selectFirst("td time[datetime]");
        assertTrue(time != null && time.attr("datetime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), row.outerHtml());
        assertTrue(time.text().endsWith("UTC"), "without the script the page reads in UTC: " + time.text());
        assertTrue(log.doc().select("script[src*=gemhost.js]").size() == 1, "the script that shows local times");
        assertFalse(log.text().contains("0:0:0:0"), log.text());
    }

    @Test
    void anIpv4MappedAddressReadsAsIpv4() throws Exception {
        Browser browser = BehindProxy.browser("::ffff:192.0.2.7");
        Users.signUp(browser);
        Element row = browser.get("/profile/security_log").doc().selectFirst("#security-log tbody tr");
        assertEquals("192.0.2.7", row.select("td").get(2).text());
    }
}
