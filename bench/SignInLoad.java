import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 7, case 4's background: THREADS clients that sign in with the right password through the real /sign_in
 * page (GET the form, POST it, follow the redirect) as fast as they can, each in a fresh browser session.
 *
 *   java bench/SignInLoad.java URL LOGINS.tsv [threads, 4] [seconds, 40]
 *
 * LOGINS.tsv: email, handle, password per line (bench/Accounts.java plain); thread i signs in as line i mod n.
 * Each sign-in costs the server one PBKDF2 run at the stored hash's iterations (600,000 by default).
 */
public class SignInLoad {

    static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    static final Pattern ACTION = Pattern.compile("<form id=\"form\"[^>]*action=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String[]> logins = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank()) {
                logins.add(line.split("\t"));
            }
        }
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger failed = new AtomicInteger();
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String[] login = logins.get(t % logins.size());
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = signIn(base, login[0], login[2]);
                        if (r.statusCode() != 200 || r.uri().getPath().startsWith("/sign_in")) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    times.add(System.nanoTime() - t0);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("RESULT case=signins threads=%d seconds=%d signins=%d failed=%d rate=%.2f/s p50_ms=%.0f max_ms=%.0f%n",
                threads, seconds, sorted.size(), failed.get(), sorted.size() / (double) seconds,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
    }

    static HttpResponse<String> signIn(String base, String email, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/sign_in")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher state = VIEW_STATE.matcher(page.body());
        Matcher action = ACTION.matcher(page.body());
        if (!state.find() || !action.find()) {
            throw new IllegalStateException("no form on /sign_in");
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("form:email", email);
        all.put("form:password", password);
        all.put("form:submit", "Sign in");
        all.put("form", "form");
        all.put("jakarta.faces.ViewState", state.group(1).replace("&#58;", ":"));
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base).resolve(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
