package io.gemhost.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The breached-password range API (GET BASE/PREFIX, five hex digits of a SHA-1, answered with
 * lines SUFFIX:COUNT and, like the real service with Add-Padding, filler lines of count 0), run
 * in the test JVM for the shared server (GEMHOST_PWNED_PASSWORDS_URL). Tests say which
 * passwords it knows; while it is down it answers nothing for 3 seconds, past the server's timeout.
 */
public final class RangeStub {

    private static RangeStub shared;

    private final HttpServer server;
    public final String url;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private RangeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/range/";
        server.createContext("/range/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "range-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static synchronized RangeStub shared() {
        if (shared == null) {
            try {
                shared = new RangeStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public static String sha1(String password) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on the service reports this password as seen in breaches. */
    public void breach(String password) {
        counts.put(sha1(password), 4711);
    }

    /** The service lists this password's hash only as padding (count 0). */
    public void pad(String password) {
        counts.put(sha1(password), 0);
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** The request lines received so far (method, path, Add-Padding header). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path + " Add-Padding=" + exchange.getRequestHeaders().getFirst("Add-Padding"));
            if (down) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String prefix = path.substring("/range/".length()).toUpperCase();
            StringBuilder body = new StringBuilder();
            body.append("0000000000000000000000000000000000A:0\r\n");
            counts.forEach((hash, count) -> {
                if (hash.startsWith(prefix)) {
                    body.append(hash.substring(5)).append(':').append(count).append("\r\n");
                }
            });
            body.append("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0");
            byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
