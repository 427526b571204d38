import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No enumeration by timing: the median time of a sign-in with an unknown
 * email next to one with a known email and a wrong password, through the real sign-in page.
 *
 *   java -cp target/bench-classes bench/SignInTiming.java http://localhost:8080 [samples per case, default 40]
 *
 * Each known account takes at most 9 wrong passwords, below the throttle (10 free failures per
 * email), so both cases do their full work; the two cases alternate so drift hits both alike.
 */
public class SignInTiming {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        List<String> known = new ArrayList<>();
        for (int i = 0; i < (samples + 8) / 9; i++) {
            known.add(signUp(base));
        }
        signIn(base, "warm-up-" + UUID.randomUUID() + "@example.test", "warm up the path");
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        String firstUnknown = null;
        String firstWrong = null;
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            String a = signIn(base, "nobody-" + UUID.randomUUID() + "@example.test", "not the password 1");
            unknown.add(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            String b = signIn(base, known.get(i / 9), "not the password 1");
            wrong.add(System.nanoTime() - t1);
            firstUnknown = firstUnknown == null ? a : firstUnknown;
            firstWrong = firstWrong == null ? b : firstWrong;
        }
        double mu = median(unknown) / 1e6;
        double mw = median(wrong) / 1e6;
        System.out.printf("sign-in, unknown email:          median %.1f ms (%d samples)%n", mu, samples);
        System.out.printf("sign-in, known email, wrong pwd: median %.1f ms (%d samples)%n", mw, samples);
        System.out.printf("ratio %.2f (goal: within 20%%, 0.80..1.20): %s%n", mw / mu,
                Math.abs(mw / mu - 1) <= 0.2 ? "met" : "NOT met");
        System.out.println("same page text: " + firstUnknown.equals(firstWrong));
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static String signUp(String base) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.test";
        String handle = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form:email", email);
        form.put("form:handle", handle);
        form.put("form:password", "the right password");
        form.put("form:submit", "Sign up");
        HttpResponse<String> r = submit(client(), base, "/sign_up", form);
        if (!r.uri().getPath().equals("/profile/edit")) {
            throw new IllegalStateException("sign-up failed: " + r.statusCode() + " " + r.uri());
        }
        return email;
    }

    /** Signs in and returns the message the page shows (the text of its error list). */
    static String signIn(String base, String email, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form:email", email);
        form.put("form:password", password);
        form.put("form:submit", "Sign in");
        HttpResponse<String> r = submit(client(), base, "/sign_in", form);
        Matcher m = Pattern.compile("<ul id=\"messages\"[^>]*>(.*?)</ul>", Pattern.DOTALL).matcher(r.body());
        return r.statusCode() + " " + (m.find() ? m.group(1).replaceAll("<[^>]+>", "").trim() : "(no message)");
    }

    static HttpResponse<String> submit(HttpClient http, String base, String path, Map<String, String> fields) throws Exception {
        return BenchLib.submit(http, http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()),
                "form", fields);
    }
}
