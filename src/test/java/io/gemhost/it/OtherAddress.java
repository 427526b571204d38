package io.gemhost.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A client without JavaScript that connects from another loopback address (127.0.0.2, say), so
 * the server sees a second client address beside the tests' usual 127.0.0.1. Keeps the session
 * cookie; follows no redirects. Plain HTTP/1.1 over a socket, since java.net.http cannot choose
 * its local address on Java 17.
 */
final class OtherAddress {

    record Answer(int status, String head, String body) {
        Document doc(String base) {
            return Jsoup.parse(body, base);
        }
    }

    private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie:\\s*(" + Browser.SESSION_COOKIE + "=[^;\\r\\n]+)");

    private final String from;
    private final String hostHeader;
    private String cookie;

    OtherAddress(String from) {
        this.from = from;
        this.hostHeader = URI.create(Gemhost.url()).getAuthority();
    }

    Answer get(String path) throws Exception {
        return send("GET " + path + " HTTP/1.1\r\n", new byte[0], null);
    }

    Answer post(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() > 0 ? "&" : "").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send("POST " + path + " HTTP/1.1\r\n", body.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    private Answer send(String requestLine, byte[] body, String contentType) throws Exception {
        StringBuilder head = new StringBuilder(requestLine).append("Host: ").append(hostHeader).append("\r\nConnection: close\r\n");
        if (cookie != null) {
            head.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        String raw = Api.exchange(from, head.append("\r\n").toString(), body);
        int split = raw.indexOf("\r\n\r\n");
        String responseHead = raw.substring(0, split);
        String responseBody = raw.substring(split + 4);
        Matcher session = SESSION.matcher(responseHead);
        while (session.find()) { // the last one wins, as in a browser
            cookie = session.group(1);
        }
        if (responseHead.toLowerCase().contains("transfer-encoding: chunked")) {
            responseBody = unchunk(responseBody);
        }
        byte[] bytes = responseBody.getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(Integer.parseInt(responseHead.substring(9, 12)), responseHead, new String(bytes, StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.writeBytes(chunked.substring(eol + 2, eol + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = eol + 2 + size + 2;
        }
    }
}
