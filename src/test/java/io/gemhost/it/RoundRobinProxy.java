package io.gemhost.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A load balancer without sticky sessions, as a test plays one: every request goes to the next
 * node in turn, whatever cookie it carries. Like HAProxy with {@code retry-on conn-failure 503}
 * and {@code option redispatch}, a request that a node refused before doing any work (its
 * connection refused, or a 503) is sent to the next node; any other answer, also an error,
 * goes back to the client as it came. The nodes' GEMHOST_BASE_URL is this proxy's url. With
 * {@link #checkHealth}, like HAProxy's {@code option httpchk GET /health/ready}, a node whose
 * check does not answer 200 gets new requests only when no node is up.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-connection", "content-length", "host", "expect");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "round-robin");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray served;
    private final AtomicInteger retried = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicIntegerArray down;
    private final AtomicInteger markedDown = new AtomicInteger();
    public final String url;

    /** A proxy on a free port of localhost for as many nodes as {@code count}; {@link #node} sets each one's address. */
    public RoundRobinProxy(int count) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
        url = "http://localhost:" + server.getAddress().getPort();
        for (int i = 0; i < count; i++) {
            nodes.add("http://127.0.0.1:1");
        }
        served = new AtomicLongArray(count);
        down = new java.util.concurrent.atomic.AtomicIntegerArray(count);
    }

    /**
     * Checks every node's GET /health/ready every {@code every} (HAProxy: {@code check inter
     * EVERY fall 1 rise 1}): not 200 within a second, or no answer, and the node is down.
     */
    public void checkHealth(Duration every) {
        Thread checker = new Thread(() -> {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < nodes.size(); i++) {
                    boolean ok;
                    try {
                        ok = client.send(HttpRequest.newBuilder(URI.create(nodes.get(i) + "/health/ready")).timeout(Duration.ofSeconds(1)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (down.getAndSet(i, ok ? 0 : 1) == 0 && !ok) {
                        markedDown.incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "round-robin-health");
        checker.setDaemon(true);
        threads.execute(checker::run);
    }

    /** How many times a health check found a node down that was up. */
    public int markedDown() {
        return markedDown.get();
    }

    /** Node {@code index} is now at this base URL (a node restarted on a new port, say). */
    public void node(int index, String baseUrl) {
        nodes.set(index, baseUrl);
        down.set(index, 0); // until its next check says otherwise
    }

    /** How many answers node {@code index} gave through this proxy. */
    public long served(int index) {
        return served.get(index);
    }

    /** The node the next request goes to first (for a test whose requests are the only ones). */
    public int nextNode() {
        return Math.floorMod(next.get(), nodes.size());
    }

    /** How many times a request was sent on to another node because the first refused it. */
    public int retried() {
        return retried.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), nodes.size());
            // the nodes in turn from this request's one, those whose health check failed last
            List<Integer> order = new java.util.ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < nodes.size(); i++) {
                    int n = (first + i) % nodes.size();
                    if ((down.get(n) == 0) == (pass == 0)) {
                        order.add(n);
                    }
                }
            }
            HttpResponse<byte[]> answer = null;
            int node = first;
            for (int attempt = 0; attempt < order.size(); attempt++) {
                node = order.get(attempt);
                if (attempt > 0) {
                    retried.incrementAndGet();
                }
                try {
                    answer = http.send(request(exchange, nodes.get(node), body), HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.net.ConnectException e) {
                    answer = null;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                if (answer.statusCode() != 503) {
                    break;
                }
            }
            if (answer == null) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            served.incrementAndGet(node);
            String nodeUrl = nodes.get(node);
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    for (String value : values) {
                        exchange.getResponseHeaders().add(name, name.equalsIgnoreCase("location") ? value.replace(nodeUrl, url) : value);
                    }
                }
            });
            byte[] out = answer.body();
            boolean empty = out.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : out.length);
            if (!empty) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    private HttpRequest request(HttpExchange exchange, String nodeUrl, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(nodeUrl + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : values) {
                    b.header(name, value);
                }
            }
        });
        return b.build();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
