package io.gemhost.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP to the gem host API, as the gem client sends it (docs/API.md). */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {
    }

    public static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : Gemhost.url() + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> form(String method, String path, Map<String, String> headers, Map<String, String> form) throws Exception {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/x-www-form-urlencoded");
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() > 0 ? "&" : "").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(method, path, h, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are (for headers java.net.http refuses to send) and returns the status code. */
    public static int raw(String requestHead, byte[] body) throws Exception {
        URI base = URI.create(Gemhost.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            socket.shutdownOutput();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /**
     * Sends bytes as they are, from the local address {@code from} (any address of 127.0.0.0/8
     * reaches the server; null for the default), and returns the whole response as ISO-8859-1
     * text: status line, headers and body, as the server wrote them.
     */
    public static String exchange(String from, String requestHead, byte[] body) throws Exception {
        URI base = URI.create(Gemhost.url());
        try (java.net.Socket socket = new java.net.Socket()) {
            if (from != null) {
                socket.bind(new java.net.InetSocketAddress(from, 0));
            }
            // from an IPv4 loopback address, reach the server at 127.0.0.1 (localhost may resolve to ::1)
            socket.connect(new java.net.InetSocketAddress(from == null ? base.getHost() : "127.0.0.1", base.getPort()), 10_000);
            socket.setSoTimeout(90_000);
            var out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The answer to a push, yank or owner change as the shared server (GEMHOST_MFA_POLICY at its
     * default, recommend) sends it to an account at {@code level}: with rubygems.org's warning line
     * after a blank line below UI and gem signin (docs/API.md).
     */
    public static String warned(String answer, io.gemhost.account.MfaLevel level) {
        return switch (level) {
            case DISABLED -> answer + "\n\n" + MfaPolicyIT.setupRecommended(Gemhost.url());
            case UI_ONLY -> answer + "\n\n[WARNING] For protection of your account and gems, we encourage you to change your multi-factor "
                    + "authentication level to 'UI and gem signin' or 'UI and API' at " + Gemhost.url() + "/profile/edit. "
                    + "Your account will be required to have MFA enabled on one of these levels in the future.";
            case UI_AND_GEM_SIGNIN, UI_AND_API -> answer;
        };
    }

    public static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, String> headers(String authorization, String otp) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "*/*");
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (otp != null) {
            h.put("Otp", otp);
        }
        return h;
    }

    public static final Map<String, String> ALL_SCOPES = Map.of("name", "test key", "index_rubygems", "true", "push_rubygem", "true",
            "yank_rubygem", "true", "add_owner", "true", "remove_owner", "true");

    /** Ends every code window of this account, as if GEMHOST_API_CODE_WINDOW_S had passed. */
    public static void closeWindows(String email) throws Exception {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                "UPDATE api_code_window SET accepted_at = accepted_at - 3600000 WHERE account_id = (SELECT id FROM account WHERE email = ?)")) {
            s.setString(1, email);
            s.executeUpdate();
        }
    }
}
