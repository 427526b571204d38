import java.net.URI;
import java.net.URLEncoder;
import java.net.HttpURLConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owner changes by accounts at level UI and API, each request with a code of its own
 * account that was never used before, at a fixed rate (open loop).
 *
 *   java -cp target/bench-classes bench/OtpLoad.java URL ACCOUNTS.tsv OTHER_EMAIL [rate/s, 20] [seconds, 60] [warm-up seconds, 10]
 *        [floor | /PATH]
 *
 * ACCOUNTS.tsv is bench/Accounts.java's output (email, handle, password, base32 key, API key, gem). Each account
 * makes one pair: POST /api/v1/gems/GEM/owners (email=OTHER) with the code of the current step S, then, 1.05 s
 * later (and never before the POST has answered), DELETE with the code of step S+1. So every request carries a
 * code that account has never sent: the server runs the full check (code window miss, throttle, key, TOTP over
 * the +-1 window, conditional UPDATE of the step, window insert) on every request. An account is used once per
 * run, so a run needs rate * (seconds + warm-up) / 2 accounts; runs must be a minute apart.
 *
 * Latency is measured from the moment the request was due (not when it was sent), so a stalled server cannot hide
 * its queue (no coordinated omission). Prints a RESULT line with throughput and percentiles.
 *
 * floor: the same schedule, client and connections, but every request is GET /api/v1/health (no work at all), so the
 * run measures what the machine, the network stack and this client add to any request at this rate: the floor that
 * the OTP path's latency stands on. Requests are sent with blocking connections from a pool of threads (one thread
 * per request in flight, kept-alive connections), so the client adds no hand-off of its own between threads.
 * /PATH: the same, with GET /PATH instead of the health check (bench/run.sh: GET /sign_in, the page whose server CPU the
 * OTP request's is compared with). "floor" is GET /api/v1/health. A GET sends no Authorization, OTP nor cookie.
 */
public class OtpLoad {

    record Account(String email, String secret, String apiKey, String gem, long lastStep) {
    }

    record Sample(long dueNanos, long latencyNanos, long serviceNanos, int status, boolean measured) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<Account> accounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            if (f.length >= 6) {
                accounts.add(new Account(f[0], f[3], f[4], f[5], f.length > 6 ? Long.parseLong(f[6]) : 0));
            }
        }
        String other = args[2];
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        String getPath = args.length <= 6 ? null : args[6].equals("floor") ? "/api/v1/health" : args[6];
        if (getPath != null && !getPath.startsWith("/")) {
            throw new IllegalArgumentException("the 7th argument is floor or a path starting with /: " + getPath);
        }
        boolean get = getPath != null;
        int pairs = (int) Math.ceil((seconds + warmup) * rate / 2);
        if (pairs > accounts.size()) {
            throw new IllegalArgumentException("need " + pairs + " accounts for " + (seconds + warmup) + " s at " + rate + "/s, have " + accounts.size());
        }
        // A code of a step the account already used (during setup) would be refused: wait for a later step.
        long lastUsed = accounts.subList(0, pairs).stream().mapToLong(Account::lastStep).max().orElse(0);
        while (BenchLib.step() <= lastUsed) {
            System.out.println("waiting for a step after the last one used in setup");
            Thread.sleep(5000);
        }
        ExecutorService http = Executors.newFixedThreadPool(16);
        long pairGap = (long) (2e9 / rate);
        long deleteAfter = 1_050_000_000L;
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmup * 1_000_000_000L;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();

        // Due times of both kinds of request, in order: POST of pair p at p*gap, DELETE of pair p at p*gap + 1.05 s.
        List<long[]> events = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            events.add(new long[] {start + p * pairGap, p, 0});
            events.add(new long[] {start + p * pairGap + deleteAfter, p, 1});
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        List<CompletableFuture<Long>> posts = new ArrayList<>(Collections.nCopies(pairs, null));
        for (long[] e : events) {
            long due = e[0];
            int p = (int) e[1];
            boolean delete = e[2] == 1;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Account a = accounts.get(p);
            boolean measured = due >= measureFrom && due < measureTo;
            if (!delete) {
                long step = BenchLib.step();
                CompletableFuture<Long> post = send(http, base, getPath, a, get ? "GET" : "POST", BenchLib.code(a.secret(), step), other, due, measured, samples, errors)
                        .thenApply(ok -> step);
                posts.set(p, post);
                all.add(post);
            } else {
                // Never before its POST has answered: the DELETE's code (step S+1) would otherwise burn the POST's.
                all.add(posts.get(p).thenCompose(step -> send(http, base, getPath, a, get ? "GET" : "DELETE", BenchLib.code(a.secret(), step + 1), other, due, measured,
                        samples, errors)));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Long> latencies = new ArrayList<>();
        List<Long> service = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        for (Sample s : samples) {
            if (!s.measured()) {
                continue;
            }
            latencies.add(s.latencyNanos());
            service.add(s.serviceNanos());
            if (s.status() == 200) {
                ok++;
            } else {
                failed++;
            }
        }
        Collections.sort(latencies);
        Collections.sort(service);
        errors.forEach((k, v) -> System.out.println("error x" + v + ": " + k));
        System.out.printf("RESULT case=" + (getPath == null ? "otp" : "GET:" + getPath) + " rate=%.0f seconds=%d requests=%d ok=%d errors=%d throughput=%.1f/s"
                        + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f service_p50_ms=%.2f service_p99_ms=%.2f%n",
                rate, seconds, latencies.size(), ok, failed, ok / (double) seconds,
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100), pct(service, 50), pct(service, 99));
        System.exit(failed == 0 ? 0 : 1);
    }

    /** One request on a thread of the pool (blocking, on a kept-alive connection); GET means GET getPath. */
    static CompletableFuture<Void> send(ExecutorService http, String base, String getPath, Account a, String method, String otp, String other, long due,
            boolean measured, ConcurrentLinkedQueue<Sample> samples, Map<String, AtomicInteger> errors) {
        return CompletableFuture.runAsync(() -> {
            long sent = System.nanoTime();
            int status;
            String body;
            try {
                boolean get = method.equals("GET");
                HttpURLConnection c = (HttpURLConnection) URI.create(base + (get ? getPath : "/api/v1/gems/" + a.gem() + "/owners"))
                        .toURL().openConnection();
                c.setConnectTimeout(10_000);
                c.setReadTimeout(30_000);
                c.setRequestMethod(method);
                if (!get) {
                    c.setRequestProperty("Authorization", a.apiKey());
                    c.setRequestProperty("OTP", otp);
                    byte[] form = ("email=" + URLEncoder.encode(other, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                    c.setDoOutput(true);
                    c.setFixedLengthStreamingMode(form.length);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(form);
                    }
                }
                status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (java.io.IOException e) {
                status = -1;
                body = e.toString();
            }
            long end = System.nanoTime();
            samples.add(new Sample(due, end - due, end - sent, status, measured));
            if (status != 200) {
                errors.computeIfAbsent(method + " " + status + " " + body, k -> new AtomicInteger()).incrementAndGet();
            }
        }, http);
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
