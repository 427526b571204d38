package io.gemhost.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | Linux
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | Windows
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 | Chrome 130 | macOS
            Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome 131 | Android
            Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 | Headless Chrome 156 | Linux
            Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox 133 | Linux
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox 133 | Windows
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0 | Firefox 132 | macOS
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari 18.1 | macOS
            Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari 18.1 | iOS
            Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | Chrome 131 | iOS
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 | Edge 131 | Windows
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 | Edge 131 | macOS
            Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | ChromeOS
            RubyGems/3.3.15 x86_64-linux-gnu Ruby/3.1.2 (2022-04-12 patchlevel 20) | gem 3.3.15 (RubyGems) | Linux
            RubyGems/3.6.9 java Ruby/3.4.2 (2025-04-01 patchlevel 0) jruby | gem 3.6.9 (RubyGems) | -
            RubyGems/3.6.9 arm64-darwin-24 Ruby/3.4.1 (2024-12-25 patchlevel 0) | gem 3.6.9 (RubyGems) | macOS
            curl/8.5.0 | curl 8.5.0 | -
            curl/7.88.1 | curl 7.88.1 | -
            Java-http-client/17.0.15 | Java HTTP client 17 | -
            python-requests/2.32.3 | Python requests 2.32.3 | -
            SomeScanner/1.2 (+https://example.com) | SomeScanner 1.2 | -
            """)
    void summarisesRealUserAgents(String userAgent, String client, String system) {
        assertEquals(new ClientNames.Summary(client, system), ClientNames.summary(userAgent));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            | - | -
            <script> | - | -
            """)
    void saysNothingForNothing(String userAgent, String client, String system) {
        assertEquals(new ClientNames.Summary(client, system), ClientNames.summary(userAgent));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0:0:0:0:0:0:0:1 | ::1
            0:0:0:0:0:0:0:0 | ::
            2001:0db8:0000:0000:0000:0000:0002:0001 | 2001:db8::2:1
            2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1
            2001:0:0:1:0:0:0:1 | 2001:0:0:1::1
            2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1
            2001:DB8::1 | 2001:db8::1
            fe80:0:0:0:0:0:0:1%eth0 | fe80::1%eth0
            0:0:0:0:0:ffff:c000:0280 | 192.0.2.128
            ::ffff:192.0.2.1 | 192.0.2.1
            [::1] | ::1
            192.0.2.1 | 192.0.2.1
            not:an:address | not:an:address
            1:2:3:4:5:6:7:8:9 | 1:2:3:4:5:6:7:8:9
            """)
    void writesAddressesInTheirShortForm(String raw, String shown) {
        assertEquals(shown, ClientNames.address(raw));
    }
}
