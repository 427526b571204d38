package io.gemhost.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript, as gemhost's forms are meant to work: keeps cookies, follows
 * redirects, and fills forms by their visible labels and buttons, as the pages name them. A client
 * that connects from another loopback address is {@link OtherAddress}.
 */
public final class Browser {

    public record Page(int status, String url, String body, HttpHeaders headers, List<String> redirects) {
        public Document doc() {
            return Jsoup.parse(body, url);
        }

        /** The visible text of the page. */
        public String text() {
            return doc().body() == null ? "" : doc().body().text();
        }

        public String path() {
            return URI.create(url).getPath();
        }
    }

    /** The cookie that names a browser's state on the server (docs/SECURITY.md, "Sessions"). */
    public static final String SESSION_COOKIE = "gemhost_session";

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final List<String> setCookies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String forwardedFor;
    private volatile String acceptLanguage;

    public Browser(String base) {
        this.base = base;
        java.net.CookieHandler jar = new java.net.CookieHandler() {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
                return cookies.get(uri, headers);
            }

            @Override
            public void put(URI uri, Map<String, List<String>> headers) throws IOException {
                Map<String, List<String>> kept = new LinkedHashMap<>();
                headers.forEach((name, values) -> {
                    if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                        setCookies.addAll(values);
                        if (forwardedFor != null) { // the HTTPS proxy the test plays hands cookies marked Secure on
                            values = values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList();
                        }
                    }
                    kept.put(name, values);
                });
                cookies.put(uri, kept);
            }
        };
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * From now on, this browser reaches the server through the HTTPS proxy a server with
     * GEMHOST_TRUST_PROXY=true trusts, as a client at this address: every request carries
     * {@code X-Forwarded-For: address}, and cookies marked Secure are kept (the proxy speaks HTTPS
     * to the browser). Cookies stay, as a laptop's do when it changes networks.
     */
    public Browser from(String address) {
        this.forwardedFor = address;
        return this;
    }

    /** From now on, every request carries {@code Accept-Language: value} (null: none, the default). */
    public Browser acceptLanguage(String value) {
        this.acceptLanguage = value;
        return this;
    }

    /** Every Set-Cookie header this browser received, in order (also on redirects). */
    public List<String> setCookieHeaders() {
        return List.copyOf(setCookies);
    }

    /**
     * Whether a Set-Cookie header has this attribute ("Secure", "HttpOnly") or attribute=value
     * ("SameSite=Lax"): names and these values compared without case, as RFC 6265 says browsers do
     * (Payara writes "Secure", Undertow "secure").
     */
    public static boolean hasAttribute(String setCookie, String attribute) {
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].strip().equalsIgnoreCase(attribute)) {
                return true;
            }
        }
        return false;
    }

    /** The value of this browser's cookie of this name, if it has one. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    /** Puts a cookie into this browser for the server's whole site, as if the server had set it. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base + "/"), cookie);
    }

    /** Forgets this browser's cookie of this name. */
    public void removeCookie(String name) {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals(name)) {
                cookies.getCookieStore().remove(null, c);
                cookies.getCookieStore().getURIs().forEach(u -> cookies.getCookieStore().remove(u, c));
            }
        }
    }

    public String base() {
        return base;
    }

    public Browser() {
        this(Gemhost.url());
    }

    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(SESSION_COOKIE)).map(HttpCookie::getValue).findFirst();
    }

    /** This browser's cookies as one Cookie header, to replay its session from another client. */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    public Page get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path)).GET(), new ArrayList<>());
    }

    public Page post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), new ArrayList<>());
    }

    /**
     * Submits the form that holds the button with this text, with the fields named by their
     * label text (or, for a hidden field, its name) set to the given values; all other fields keep
     * what the page sent. A checkbox given any value is ticked, given "" unticked.
     */
    public Page submit(Page page, String button, Map<String, String> fieldsByLabel) throws IOException, InterruptedException {
        Document doc = page.doc();
        Element submit = doc.select("input[type=submit], button:not([type=button])").stream()
                .filter(b -> button.equals(b.attr("value")) || button.equals(b.text()))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + button + "' on " + page.url() + ":\n" + page.text()));
        return submit(submit, fieldsByLabel);
    }

    /** As submit by the button's text, for one button of several with the same text (a row's Delete), taken from page.doc(). */
    public Page submit(Element submit, Map<String, String> fieldsByLabel) throws IOException, InterruptedException {
        Element form = submit.closest("form");
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input, select, textarea")) {
            String type = input.attr("type");
            if (input.attr("name").isEmpty() || type.equals("submit")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue; // an unticked box sends nothing
            }
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                values.put(input.attr("name"), selected == null ? "" : selected.attr("value"));
            } else {
                values.put(input.attr("name"), input.val());
            }
        }
        for (Map.Entry<String, String> field : fieldsByLabel.entrySet()) {
            Element named = form.select("input[type=hidden]").stream().filter(i -> i.attr("name").equals(field.getKey()))
                    .findFirst().orElse(null);
            if (named != null) { // a hidden field a script fills (a security key's response), by its name
                values.put(named.attr("name"), field.getValue());
                continue;
            }
            Element label = form.select("label").stream().filter(l -> l.text().trim().equals(field.getKey()))
                    .findFirst().orElseThrow(() -> new AssertionError("no field labelled '" + field.getKey() + "'"));
            Element input = form.getElementById(label.attr("for"));
            if (input == null) {
                throw new AssertionError("label '" + field.getKey() + "' points at nothing");
            }
            if (input.attr("type").equals("checkbox")) { // a value ticks the box, an empty one unticks it
                if (field.getValue().isEmpty()) {
                    values.remove(input.attr("name"));
                } else {
                    values.put(input.attr("name"), input.hasAttr("value") ? input.attr("value") : "on");
                }
            } else if (input.tagName().equals("select")) {
                String wanted = input.select("option").stream().filter(o -> o.text().equals(field.getValue()))
                        .map(o -> o.attr("value")).findFirst().orElse(field.getValue());
                values.put(input.attr("name"), wanted);
            } else {
                values.put(input.attr("name"), field.getValue());
            }
        }
        values.put(submit.attr("name"), submit.attr("value"));
        String action = form.absUrl("action");
        return send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(values))), new ArrayList<>());
    }

    public HttpResponse<String> raw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Page send(HttpRequest.Builder request, List<String> redirects) throws IOException, InterruptedException {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if ((status == 301 || status == 302 || status == 303 || status == 307) && redirects.size() < 10) {
            String location = response.headers().firstValue("Location").orElseThrow();
            URI next = response.uri().resolve(location);
            redirects.add(next.toString());
            if (!next.toString().startsWith(base)) {
                return new Page(status, next.toString(), response.body(), response.headers(), redirects);
            }
            return send(HttpRequest.newBuilder(next).GET(), redirects);
        }
        return new Page(status, response.uri().toString(), response.body(), response.headers(), redirects);
    }

    private URI resolve(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /**
     * A client without JavaScript that connects from another loopback address (127.0.0.2, say), so
     * the server sees a second client address beside the tests' usual 127.0.0.1. Keeps the session
     * cookie; follows no redirects. Plain HTTP/1.1 over a socket, since java.net.http cannot choose
     * its local address on Java 17.
     */
    static final class OtherAddress {

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
}
