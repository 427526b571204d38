import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser sign-ins with password and TOTP, through the real pages of gemhost or of Keycloak
 * (bench/keycloak.sh), the same way for both, by CONCURRENCY threads as fast as they can.
 *
 *   java -cp target/bench-classes bench/SignInOtpLoad.java gemhost|keycloak BASE_URL USERS.tsv CONCURRENCY SECONDS [right|wrong-password] [WARMUP_S]
 *
 * USERS.tsv: email, handle, password, base32 TOTP key, then optional columns; the 7th, if a number, is the last
 * 30 s step the account used (bench/Accounts.java mfa writes such lines). A right run writes the last step of
 * each user to USERS.tsv.SYSTEM-steps and the next run reads it, so back-to-back runs never reuse a step (if a
 * run is killed, wait 30 s before the next one). WARMUP_S (argument or environment, default 0): seconds run the
 * same way first, not measured.
 *
 * right (the default): each iteration is one complete sign-in in a fresh cookie jar: GET the sign-in page, POST
 * the email and the password, POST a fresh TOTP code (RFC 6238, HMAC-SHA1, 6 digits, 30 s, computed here from
 * the user's key), follow the redirects to the signed-in page; it succeeds if it ends there with a 200
 * (gemhost: a page outside /sign_in*, /profile/edit in practice; Keycloak: the client's redirect URI, the account
 * console's HTML shell, with an authorization code in the query; the code is not exchanged for tokens). The
 * password step must lead to the OTP form, else the iteration fails (so a sign-in without a code would show as
 * failures). Neither system takes a 30 s step twice for a user (gemhost: each code must be
 * of a later step than the last one used; Keycloak: codes are not reusable), so a user is used again only at a
 * later step than its last: a thread takes the first free user of a queue (users go back to its end, the queue
 * starts sorted by the tsv's last step), and if none is free it waits; the RESULT line counts the waits (waits=0
 * needs more users than about 30 s × rate + CONCURRENCY, and users whose last step is past: Accounts.java's
 * last step can be the next one, so give a warm-up of 60 s or start a step later; the client says so on stderr).
 *
 * wrong-password: the cost an attacker imposes: GET the sign-in page, POST a wrong password, expect the form
 * again with its error; users round-robin over the whole tsv. gemhost pauses an email after 10 failures in a
 * row (1 minute, doubling) and then answers without hashing: such answers are counted as throttled (included in
 * completed); spread the attempts over enough users (and mind that failures of earlier runs count until a
 * right sign-in of the account). Keycloak's brute-force detection is off by default (bench/keycloak.sh).
 *
 * Output: one RESULT line (rate = completed sign-ins, or wrong-password answers, per second; latencies of the
 * completed iterations, the whole sequence of requests); the first failure's reason goes to stderr.
 */
public class SignInOtpLoad {

    static final Pattern FACES_FORM = Pattern.compile("<form id=\"form\"[^>]*action=\"([^\"]+)\"");
    static final Pattern KC_LOGIN_FORM = Pattern.compile("<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    static final Pattern KC_OTP_FORM = Pattern.compile("<form id=\"kc-otp-login-form\"[^>]*action=\"([^\"]+)\"");
    static final Pattern KC_SELECTED_CREDENTIAL = Pattern.compile("name=\"selectedCredentialId\" value=\"([^\"]*)\"");
    static final String GEMHOST_INVALID = "Invalid email or password.";        // error.signin.invalid
    static final String GEMHOST_PAUSED = "Too many failed attempts.";          // error.signin.paused
    static final String KEYCLOAK_INVALID = "Invalid username or password.";    // invalidUserMessage

    /** A user; lastStep is only read and written under the queue's lock. */
    static final class User {
        final String email, password, secret;
        long lastStep;

        User(String[] f) {
            email = f[0];
            password = f[2];
            secret = f[3].replace(" ", "").toUpperCase();
            lastStep = f.length > 6 && f[6].matches("\\d+") ? Long.parseLong(f[6]) : -1;
        }
    }

    /** Why an iteration failed: the step, the status, the URL and the start of the page. */
    static final class Failure extends Exception {
        Failure(String what, HttpResponse<String> r) {
            super(what + ": HTTP " + r.statusCode() + " " + r.uri() + "\n" + snippet(r.body()));
        }
    }

    static String system;
    static String base;
    static boolean keycloak;
    static String redirectUri;
    static final ArrayDeque<User> free = new ArrayDeque<>();
    static final AtomicLong waits = new AtomicLong();
    static final AtomicInteger next = new AtomicInteger();
    static List<User> users;

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java -cp target/bench-classes bench/SignInOtpLoad.java gemhost|keycloak BASE_URL USERS.tsv CONCURRENCY SECONDS [right|wrong-password] [WARMUP_S]");
            System.exit(2);
        }
        system = args[0];
        if (!system.equals("gemhost") && !system.equals("keycloak")) {
            throw new IllegalArgumentException("system: gemhost or keycloak, not " + system);
        }
        keycloak = system.equals("keycloak");
        base = args[1].replaceAll("/+$", "");
        redirectUri = base + "/realms/bench/account/";
        users = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            if (!line.isBlank()) {
                users.add(new User(line.split("\t")));
            }
        }
        // The steps that earlier runs of this client used, if any (a new process does not remember them otherwise).
        Path steps = Path.of(args[2] + "." + system + "-steps");
        if (Files.exists(steps)) {
            Map<String, Long> used = new HashMap<>();
            for (String line : Files.readAllLines(steps)) {
                String[] f = line.split("\t");
                used.put(f[0], Long.parseLong(f[1]));
            }
            users.forEach(u -> u.lastStep = Math.max(u.lastStep, used.getOrDefault(u.email, -1L)));
        }
        List<User> byStep = new ArrayList<>(users);
        byStep.sort(Comparator.comparingLong(u -> u.lastStep));
        free.addAll(byStep);
        long now = BenchLib.step();
        long notYet = users.stream().filter(u -> u.lastStep >= now).count();
        if (notYet > 0) {
            System.err.printf("%d of %d users used the current or a later 30 s step already: not usable before step %d (in %d s)%n",
                    notYet, users.size(), byStep.get(byStep.size() - 1).lastStep + 1,
                    (byStep.get(byStep.size() - 1).lastStep + 1) * 30 - System.currentTimeMillis() / 1000);
        }
        int threads = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String mode = args.length > 5 ? args[5] : "right";
        if (!mode.equals("right") && !mode.equals("wrong-password")) {
            throw new IllegalArgumentException("mode: right or wrong-password, not " + mode);
        }
        boolean right = mode.equals("right");
        int warmup = Integer.parseInt(args.length > 6 ? args[6] : System.getenv().getOrDefault("WARMUP_S", "0"));

        if (warmup > 0) {
            Counts w = run(right, threads, warmup);
            System.err.printf("warm-up: %d s, %d completed, %d failed%n", warmup, w.times.size(), w.failed.get());
            if (w.firstFailure.get() != null) {
                System.err.println("warm-up's first failure: " + w.firstFailure.get());
            }
            waits.set(0);
        }
        Counts c = run(right, threads, seconds);
        if (right) {
            List<String> lines = new ArrayList<>();
            synchronized (free) {
                users.forEach(u -> lines.add(u.email + "\t" + u.lastStep));
            }
            Files.write(steps, lines);
        }
        List<Long> sorted = new ArrayList<>(c.times);
        Collections.sort(sorted);
        if (c.firstFailure.get() != null) {
            System.err.println("first failure: " + c.firstFailure.get());
        }
        System.out.printf("RESULT system=%s mode=%s concurrency=%d seconds=%d users=%d completed=%d failed=%d rate=%.2f/s "
                        + "p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f max_ms=%.0f%s%n",
                system, mode, threads, seconds, users.size(), sorted.size(), c.failed.get(), sorted.size() / (double) seconds,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 1.0),
                right ? " waits=" + waits.get() : " throttled=" + c.throttled.get());
    }

    static final class Counts {
        final List<Long> times = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
    }

    /** THREADS workers for SECONDS; an iteration started in time counts when it ends. */
    static Counts run(boolean right, int threads, int seconds) throws InterruptedException {
        Counts c = new Counts();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (right) {
                            User u = take(end);
                            if (u == null) {
                                break;
                            }
                            long t0 = System.nanoTime();
                            try {
                                signIn(u);
                                c.times.add(System.nanoTime() - t0);
                            } finally {
                                give(u);
                            }
                        } else {
                            User u = users.get(Math.floorMod(next.getAndIncrement(), users.size()));
                            long t0 = System.nanoTime();
                            boolean throttled = wrongPassword(u);
                            c.times.add(System.nanoTime() - t0);
                            if (throttled) {
                                c.throttled.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        c.failed.incrementAndGet();
                        c.firstFailure.compareAndSet(null, e instanceof Failure ? e.getMessage() : e.toString());
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return c;
    }

    // --- the user queue: a user again only at a later 30 s step than its last ----------------------------------

    /** The first user in the queue whose last step is before the current one; waits (and counts the wait) if none is. */
    static User take(long end) throws InterruptedException {
        synchronized (free) {
            boolean waited = false;
            while (true) {
                long now = BenchLib.step();
                for (Iterator<User> i = free.iterator(); i.hasNext(); ) {
                    User u = i.next();
                    if (u.lastStep < now) {
                        i.remove();
                        return u;
                    }
                }
                if (System.nanoTime() >= end) {
                    return null;
                }
                if (!waited) {
                    waits.incrementAndGet();
                    waited = true;
                }
                free.wait(100);
            }
        }
    }

    static void give(User u) {
        synchronized (free) {
            free.addLast(u);
            free.notifyAll();
        }
    }

    // --- one sign-in ------------------------------------------------------------------------------------------------

    /** A fresh browser: an empty cookie jar, redirects followed. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new LoopbackCookies()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * A cookie jar that, like browsers, treats http://127.0.0.1 and http://localhost as secure origins: Keycloak
     * marks its cookies Secure even over plain HTTP, and java.net.CookieManager would never send those back.
     */
    static final class LoopbackCookies extends CookieHandler {
        final CookieManager jar = new CookieManager();

        static URI asSecure(URI uri) {
            String host = uri.getHost();
            if ("http".equals(uri.getScheme()) && ("127.0.0.1".equals(host) || "localhost".equals(host))) {
                return URI.create("https" + uri.toString().substring(4));
            }
            return uri;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return jar.get(asSecure(uri), headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            jar.put(asSecure(uri), headers);
        }
    }

    /** A complete sign-in with the right password and a fresh code; throws Failure unless it ends signed in. */
    static void signIn(User u) throws Exception {
        HttpClient http = browser();
        if (keycloak) {
            HttpResponse<String> otpPage = keycloakPassword(http, u.email, u.password);
            Matcher otpForm = KC_OTP_FORM.matcher(otpPage.body());
            if (otpPage.statusCode() != 200 || !otpForm.find()) {
                throw new Failure("password step: expected the OTP form", otpPage);
            }
            Matcher selected = KC_SELECTED_CREDENTIAL.matcher(otpPage.body());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("selectedCredentialId", selected.find() ? selected.group(1) : "");
            form.put("otp", code(u));
            form.put("login", "Sign In");
            HttpResponse<String> done = post(http, otpPage.uri(), otpForm.group(1), form);
            if (done.statusCode() != 200 || !done.uri().toString().startsWith(redirectUri) || !done.uri().getQuery().contains("code=")) {
                throw new Failure("OTP step: expected the redirect URI", done);
            }
        } else {
            HttpResponse<String> otpPage = gemhostPassword(http, u.email, u.password);
            if (otpPage.statusCode() != 200 || !otpPage.uri().getPath().equals("/sign_in/otp")) {
                throw new Failure("password step: expected /sign_in/otp", otpPage);
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("form:otp", code(u));
            form.put("form:submit", "Verify");
            HttpResponse<String> done = faces(http, otpPage, form);
            if (done.statusCode() != 200 || done.uri().getPath().startsWith("/sign_in")) {
                throw new Failure("OTP step: expected a signed-in page", done);
            }
        }
    }

    /** A wrong password; returns whether gemhost answered that the email is paused (no hash ran). */
    static boolean wrongPassword(User u) throws Exception {
        HttpClient http = browser();
        String wrong = "wrong " + UUID.randomUUID();
        HttpResponse<String> r = keycloak ? keycloakPassword(http, u.email, wrong) : gemhostPassword(http, u.email, wrong);
        if (keycloak) {
            if (r.statusCode() != 200 || !KC_LOGIN_FORM.matcher(r.body()).find() || !r.body().contains(KEYCLOAK_INVALID)) {
                throw new Failure("wrong password: expected the login form with \"" + KEYCLOAK_INVALID + "\"", r);
            }
            return false;
        }
        if (r.statusCode() != 200 || !r.uri().getPath().equals("/sign_in") || !FACES_FORM.matcher(r.body()).find()) {
            throw new Failure("wrong password: expected the /sign_in form again", r);
        }
        if (r.body().contains(GEMHOST_PAUSED)) {
            return true;
        }
        if (!r.body().contains(GEMHOST_INVALID)) {
            throw new Failure("wrong password: expected \"" + GEMHOST_INVALID + "\"", r);
        }
        return false;
    }

    /** gemhost: GET /sign_in, POST the form, follow the redirect (to /sign_in/otp when right). */
    static HttpResponse<String> gemhostPassword(HttpClient http, String email, String password) throws Exception {
        HttpResponse<String> page = get(http, base + "/sign_in");
        if (page.statusCode() != 200) {
            throw new Failure("GET /sign_in", page);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form:email", email);
        form.put("form:password", password);
        form.put("form:submit", "Sign in");
        return faces(http, page, form);
    }

    /** Keycloak: GET the authorization endpoint (the login page), POST username and password to its form. */
    static HttpResponse<String> keycloakPassword(HttpClient http, String email, String password) throws Exception {
        String auth = base + "/realms/bench/protocol/openid-connect/auth?client_id=bench&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(redirectUri) + "&state=" + UUID.randomUUID();
        HttpResponse<String> page = get(http, auth);
        Matcher form = KC_LOGIN_FORM.matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            throw new Failure("GET the login page", page);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", email);
        fields.put("password", password);
        fields.put("credentialId", "");
        return post(http, page.uri(), form.group(1), fields);
    }

    // --- HTTP and forms -------------------------------------------------------------------------------------------

    static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the Faces form "form" of the page with its view state and these fields. */
    static HttpResponse<String> faces(HttpClient http, HttpResponse<String> page, Map<String, String> fields) throws Exception {
        try {
            return BenchLib.submit(http, page, "form", fields);
        } catch (IllegalStateException noForm) {
            throw new Failure("no form with a view state", page);
        }
    }

    static HttpResponse<String> post(HttpClient http, URI page, String action, Map<String, String> fields) throws Exception {
        return BenchLib.post(http, page, action, fields);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String snippet(String body) {
        String text = body.replaceAll("(?is)<script.*?</script>|<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").trim();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;   // nearest rank
    }
    // --- TOTP -----------------------------------------------------------------------------------------------------

    /** The code of the current step, recorded as the user's last (the take() that handed the user out saw an earlier one). */
    static String code(User u) {
        long s = BenchLib.step();
        synchronized (free) {
            u.lastStep = Math.max(u.lastStep, s);
        }
        return BenchLib.code(u.secret, s);
    }
}
