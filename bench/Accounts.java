import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Sets up the benchmark's accounts through the real pages and API, as a person and the gem client would.
 *
 *   java -cp target/bench-classes bench/Accounts.java URL mfa COUNT OUT.tsv [threads, default 4]
 *     signs up COUNT accounts, registers an authenticator on /totp/new (key from #totp-key), sets the level
 *     "UI and API" on /profile/edit, makes an API key with POST /api/v1/api_key (Basic + OTP) and pushes one gem
 *     per account (POST /api/v1/gems, key + the same OTP, inside the code window). Writes one line per account:
 *     email, handle, password, base32 key, API key, gem name, last step used (tab-separated).
 *   java -cp target/bench-classes bench/Accounts.java URL plain COUNT OUT.tsv
 *     signs up COUNT accounts without MFA (the "other" owner and the sign-in load's accounts): email, handle, password.
 *
 * Every account costs the server one password hash at sign-up, eleven more (ten recovery codes and the Basic
 * sign-in) with MFA: run the mfa setup against a server with a low GEMHOST_PBKDF2_ITERATIONS (run.sh does).
 * An account's steps must follow one another (each code must be of a later 30 s step than the last one used), so
 * all accounts first get their key and level, then all get their API key and gem once the next step has come.
 */
public class Accounts {

    static final Pattern TOTP_KEY = Pattern.compile("<dd id=\"totp-key\">([^<]+)</dd>");
    static final String PASSWORD = "bench password 1";

    record Account(String email, String handle, String secret, long lastStep) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.nanoTime();
        if (mode.equals("plain")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String handle = "plain-" + run + "-" + i;
                signUp(client(), base, handle);
                lines.add(handle + "@example.test\t" + handle + "\t" + PASSWORD);
            }
            Files.write(out, lines);
            System.out.printf("%d plain accounts in %.1f s -> %s%n", count, (System.nanoTime() - t0) / 1e9, out);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        List<Future<Account>> first = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String handle = "bench-" + run + "-" + i;
            first.add(pool.submit(() -> {
                Account a = enroll(base, handle);
                int n = done.incrementAndGet();
                if (n % 100 == 0) {
                    System.out.printf("  %d/%d enrolled (%.0f s)%n", n, count, (System.nanoTime() - t0) / 1e9);
                }
                return a;
            }));
        }
        List<Account> enrolled = new ArrayList<>();
        for (Future<Account> f : first) {
            enrolled.add(f.get());
        }
        System.out.printf("%d accounts signed up, enrolled, at UI and API in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        List<Future<String>> second = new ArrayList<>();
        for (Account a : enrolled) {
            second.add(pool.submit(() -> keyAndGem(base, a)));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> f : second) {
            lines.add(f.get());
        }
        pool.shutdown();
        Files.write(out, lines);
        System.out.printf("%d accounts with API key and gem in %.1f s -> %s%n", count, (System.nanoTime() - t0) / 1e9, out);
    }

    /** Sign up, register the authenticator, set the level UI and API; returns the key and the last step used. */
    static Account enroll(String base, String handle) throws Exception {
        HttpClient http = client();
        String email = signUp(http, base, handle);
        HttpResponse<String> page = get(http, base + "/totp/new");
        Matcher key = TOTP_KEY.matcher(page.body());
        if (!key.find()) {
            throw new IllegalStateException("no #totp-key on /totp/new: " + page.statusCode() + " " + page.uri());
        }
        String secret = key.group(1).replace(" ", "").trim();
        long step = BenchLib.step();
        HttpResponse<String> r = BenchLib.submit(http, page, "form", Map.of("form:otp", BenchLib.code(secret, step), "form:submit", "Enable"));
        if (!r.uri().getPath().equals("/multifactor_auth/recovery")) {
            throw new IllegalStateException("enabling MFA failed: " + r.statusCode() + " " + r.uri());
        }
        long next = step + 1;
        HttpResponse<String> profile = get(http, base + "/profile/edit");
        r = BenchLib.submit(http, profile, "mfa", Map.of("mfa:level", "UI_AND_API", "mfa:otp", BenchLib.code(secret, next), "mfa:submit", "Update"));
        if (!r.body().contains("Level: UI and API.")) {
            throw new IllegalStateException("level change failed: " + r.statusCode() + " " + r.uri());
        }
        return new Account(email, handle, secret, next);
    }

    /** An API key by Basic + OTP, then one gem pushed with the key and the same code (the gem client's one-command window, docs/SECURITY.md). */
    static String keyAndGem(String base, Account a) throws Exception {
        // The code must be of a step after a.lastStep and at most one step ahead of now.
        while (BenchLib.step() < a.lastStep()) {
            Thread.sleep(200);
        }
        long used = Math.max(BenchLib.step(), a.lastStep() + 1);
        String otp = BenchLib.code(a.secret(), used);
        HttpClient http = client();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api_key"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((a.email() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("OTP", otp).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=bench&index_rubygems=true&push_rubygem=true&add_owner=true&remove_owner=true"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("api_key: " + r.statusCode() + " " + r.body());
        }
        String apiKey = r.body();
        String gem = a.handle();
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/gems")).header("Authorization", apiKey).header("OTP", otp)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gem(gem, "0.1.0"))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("push: " + r.statusCode() + " " + r.body());
        }
        return String.join("\t", a.email(), a.handle(), PASSWORD, a.secret(), apiKey, gem, Long.toString(used));
    }

    static String signUp(HttpClient http, String base, String handle) throws Exception {
        String email = handle + "@example.test";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form:email", email);
        form.put("form:handle", handle);
        form.put("form:password", PASSWORD);
        form.put("form:submit", "Sign up");
        HttpResponse<String> r = BenchLib.submit(http, get(http, base + "/sign_up"), "form", form);
        if (!r.uri().getPath().equals("/profile/edit")) {
            throw new IllegalStateException("sign-up failed: " + r.statusCode() + " " + r.uri());
        }
        confirm(http, base, email);
        return email;
    }

    private static final Map<String, String> CONFIRM_TOKENS = new java.util.HashMap<>();
    private static final java.util.Set<Path> READ_MAILS = new java.util.HashSet<>();
    private static final Pattern CONFIRM_LINK = Pattern.compile("/email/confirm\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern TO = Pattern.compile("(?m)^To: (\\S+)");

    /**
     * Follows the confirmation link gemhost mailed at sign-up (an unconfirmed account may not push or own
     * a gem), read from the development outbox: GEMHOST_DATA/outbox, GEMHOST_DATA given in the environment.
     */
    static void confirm(HttpClient http, String base, String email) throws Exception {
        String token = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (token == null) {
            token = confirmToken(email);
            if (token == null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no confirmation mail to " + email + " (is GEMHOST_DATA set to the server's?)");
                }
                Thread.sleep(100);
            }
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form:token", token);
        form.put("form:submit", "Confirm email address");
        HttpResponse<String> r = BenchLib.submit(http, get(http, base + "/email/confirm?token=" + token), "form", form);
        if (!r.body().contains("Your email address is confirmed")) {
            throw new IllegalStateException("confirming " + email + " failed: " + r.statusCode() + " " + r.uri());
        }
    }

    /** Reads the outbox's new mails (each once) and returns the confirmation token mailed to this address, if any. */
    static synchronized String confirmToken(String email) throws IOException {
        Path outbox = Path.of(System.getenv().getOrDefault("GEMHOST_DATA", "data"), "outbox");
        if (Files.isDirectory(outbox)) {
            try (var files = Files.list(outbox)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml") && !READ_MAILS.contains(f)).toList()) {
                    READ_MAILS.add(file);
                    String mail = Files.readString(file);
                    Matcher to = TO.matcher(mail);
                    Matcher link = CONFIRM_LINK.matcher(mail);
                    if (to.find() && link.find()) {
                        CONFIRM_TOKENS.put(to.group(1), link.group(1));
                    }
                }
            }
        }
        return CONFIRM_TOKENS.get(email);
    }

    // --- a minimal .gem (as src/test/java/io/gemhost/gems/TestGems.java builds one) --------------------------------

    static byte[] gem(String name, String version) throws IOException {
        String spec = "--- !ruby/object:Gem::Specification\nname: '" + name + "'\nversion: !ruby/object:Gem::Version\n  version: '"
                + version + "'\nplatform: 'ruby'\nauthors:\n- A\nfiles:\n- lib/x.rb\nlicenses:\n- MIT\nmetadata: {}\n"
                + "require_paths:\n- lib\nrubygems_version: 3.3.15\nspecification_version: 4\nsummary: Bench gem\n";
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "metadata.gz", gzip(spec.getBytes(StandardCharsets.UTF_8)));
        tarEntry(tar, "data.tar.gz", gzip("x".repeat(1000).getBytes(StandardCharsets.UTF_8)));
        tarEntry(tar, "checksums.yaml.gz", gzip("---\nSHA256: {}\n".getBytes(StandardCharsets.UTF_8)));
        tar.write(new byte[1024]);
        return tar.toByteArray();
    }

    static void tarEntry(ByteArrayOutputStream tar, String name, byte[] data) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", data.length));
        put(h, 136, String.format("%011o\0", 1_704_067_200L));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        tar.writeBytes(h);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    // --- HTTP ------------------------------------------------------------------------------------------------------

    static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
