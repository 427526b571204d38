package io.gemhost.web;

import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.admin.Operators;
import io.gemhost.config.Settings;
import io.gemhost.gems.GemSpec;
import io.gemhost.mfa.MfaRequirement;
import io.gemhost.webauthn.WebauthnVerificationTokens;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.Optional;

/**
 * The guard of every page, deny by default. It judges the path the container serves (a request
 * URI that is not canonical never gets here: CanonicalRequests). A request is first reduced to
 * the page it names (a trailing slash and the .xhtml suffix are other spellings of the same
 * page; encoded characters, dot segments and doubled slashes name none), then judged by that
 * page's row in one table. A page without a row does not exist (404). Someone half signed in reaches
 * only /sign_in/otp; the operator page is a 404 for everyone but an operator; other spellings
 * of a page the request may see are redirected to its one URL. Under GEMHOST_MFA_POLICY=require, a
 * signed-in account below the policy reaches only the public pages other than "/", and
 * {@link #SETUP_PAGES}; every other page sends it to its profile's MFA section (docs/SECURITY.md).
 */
@WebFilter(filterName = "PageGuard")
public class PageGuard extends HttpFilter {

    /** Who may see a page. */
    public enum Access { PUBLIC, SECOND_STEP, SIGNED_IN, OPERATOR }

    /** Every page of the application, by its one URL. A page missing here cannot be reached. */
    public static final Map<String, Access> PAGES = Map.ofEntries(
            Map.entry("/", Access.PUBLIC),
            Map.entry("/sign_up", Access.PUBLIC),
            Map.entry("/sign_in", Access.PUBLIC),
            Map.entry("/password/new", Access.PUBLIC),
            Map.entry("/password/edit", Access.PUBLIC),
            Map.entry("/email/confirm", Access.PUBLIC),
            Map.entry("/sign_in/otp", Access.SECOND_STEP),
            Map.entry("/sign_in/device", Access.PUBLIC),
            Map.entry("/profile/edit", Access.SIGNED_IN),
            Map.entry("/profile/email", Access.SIGNED_IN),
            Map.entry("/profile/password", Access.SIGNED_IN),
            Map.entry("/profile/delete", Access.SIGNED_IN),
            Map.entry("/profile/security_log", Access.SIGNED_IN),
            Map.entry("/profile/pending_trusted_publishers", Access.SIGNED_IN),
            Map.entry("/profile/api_keys", Access.SIGNED_IN),
            Map.entry("/profile/security_devices", Access.SIGNED_IN),
            Map.entry("/totp/new", Access.SIGNED_IN),
            Map.entry("/multifactor_auth/recovery", Access.SIGNED_IN),
            Map.entry("/multifactor_auth/regenerate", Access.SIGNED_IN),
            Map.entry("/webauthn_verification", Access.PUBLIC),
            Map.entry("/dashboard", Access.SIGNED_IN),
            Map.entry("/gems/trusted_publishers", Access.SIGNED_IN),
            Map.entry("/admin", Access.OPERATOR));

    /**
     * What an account below GEMHOST_MFA_POLICY=require may still open besides the public pages:
     * the profile (its MFA level, sign-out, the email banner), the security keys, the
     * authenticator's setup and the recovery codes either ends with.
     */
    static final Set<String> SETUP_PAGES = Set.of("/profile/edit", "/profile/security_devices", "/totp/new", "/multifactor_auth/recovery");
    /** Where such an account is sent: the profile's MFA section, which says why. */
    static final String MFA_SECTION = "/profile/edit#mfa";

    /** The request attribute that carries the token of /webauthn_verification/TOKEN to its page. */
    public static final String VERIFICATION_TOKEN = "gemhost.verificationToken";
    /** The request attribute that carries the gem name of /gems/NAME/... to its page. */
    public static final String GEM_NAME = "gemhost.gemName";

    /**
     * A page whose URL carries a value: {@code prefix + value + suffix} (GET only) is judged as
     * {@code page}'s row and then forwarded to it with the value in a request attribute; the page's
     * forms post to its one URL and carry the value themselves. {@code example} is a valid value.
     */
    public record Valued(String prefix, String suffix, String page, String attribute, Predicate<String> valid, String example) {

        record Match(Valued valued, String value) {
        }

        static Optional<Match> match(String path) {
            for (Valued v : VALUED) {
                if (path.startsWith(v.prefix) && path.endsWith(v.suffix) && path.length() > v.prefix.length() + v.suffix.length()) {
                    String value = path.substring(v.prefix.length(), path.length() - v.suffix.length());
                    if (value.indexOf('/') < 0 && v.valid.test(value)) {
                        return Optional.of(new Match(v, value));
                    }
                }
            }
            return Optional.empty();
        }

        /** A URL of this page, with its example value. */
        public String exampleUrl() {
            return prefix + example + suffix;
        }
    }

    /** Every page whose URL carries a value. */
    public static final List<Valued> VALUED = List.of(
            new Valued("/webauthn_verification/", "", "/webauthn_verification", VERIFICATION_TOKEN, WebauthnVerificationTokens::isToken,
                    "A".repeat(43)),
            new Valued("/gems/", "/trusted_publishers", "/gems/trusted_publishers", GEM_NAME, GemSpec::isValidName, "widget"));

    /**
     * Not pages: the load balancer's and Prometheus' endpoints (io.gemhost.metrics), served by their
     * own servlets at exactly these paths (GET and HEAD only, no other spelling); /metrics checks
     * its own caller.
     */
    static final Set<String> ENDPOINTS = Set.of("/health/live", "/health/ready", "/metrics");

    /** Faces serves the style sheet under this prefix (GET only). */
    static final String RESOURCES = "/jakarta.faces.resource/";

    @Inject
    CurrentUser user;
    @EJB
    Operators operators;
    @EJB
    Accounts accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // CanonicalRequests has refused every raw URI that the container would serve as another path
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String served = servedPath(request);
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (isApi(request) || (read && served.startsWith(RESOURCES) && isPlain(served) && served.equals(raw))) {
            chain.doFilter(request, response); // the API has its own guard (ApiGuard); style sheets are public
            return;
        }
        if (read && ENDPOINTS.contains(served) && served.equals(raw) && ENDPOINTS.contains(request.getServletPath())) {
            chain.doFilter(request, response); // health and metrics: their servlets' exact mappings
            return;
        }
        Optional<Valued.Match> valued = read && served.equals(raw) ? Valued.match(served) : Optional.empty();
        Optional<String> page = valued.isPresent() ? Optional.of(valued.get().valued().page()) : pageOf(served);
        if (page.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String context = request.getContextPath();
        switch (PAGES.get(page.get())) {
            case PUBLIC -> { }
            case SECOND_STEP -> {
                if (!user.isAwaitingSecondFactor()) {
                    response.sendRedirect(context + "/sign_in");
                    return;
                }
            }
            case SIGNED_IN -> {
                if (user.isAwaitingSecondFactor()) {
                    response.sendRedirect(context + "/sign_in/otp");
                    return;
                }
                if (!user.isSignedIn()) {
                    String url = valued.isPresent() ? raw : page.get();
                    String back = read && request.getQueryString() != null ? url + "?" + request.getQueryString() : url;
                    response.sendRedirect(context + "/sign_in?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
                    return;
                }
            }
            case OPERATOR -> {
                if (!user.isSignedIn() || !operators.isOperator(user.getAccountId())) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND); // as if there were no such page
                    return;
                }
            }
        }
        if (belowRequiredMfa(page.get())) {
            response.sendRedirect(context + MFA_SECTION);
            return;
        }
        if (valued.isPresent()) {
            request.setAttribute(valued.get().valued().attribute(), valued.get().value());
            request.getRequestDispatcher(page.get()).forward(request, response); // the page's one URL, so its forms post there
            return;
        }
        if (!raw.equals(page.get())) {
            if (!read) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND); // forms post to the page's one URL
                return;
            }
            response.sendRedirect(context + page.get() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return;
        }
        if (!read && !parametersReadable(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether a form's body can be read: one shorter than its Content-Length (a client that gave up
     * or lied) makes some containers (Undertow) throw from getParameter, which Faces would turn into
     * a 500; it is the client's error, so it gets the 400 page. Reading the parameters here is what
     * Faces does first anyway.
     */
    static boolean parametersReadable(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Whether this signed-in request is confined by GEMHOST_MFA_POLICY=require and {@code page} is outside what it may open. */
    private boolean belowRequiredMfa(String page) {
        Access access = PAGES.get(page);
        boolean open = SETUP_PAGES.contains(page) || access == Access.SECOND_STEP || (access == Access.PUBLIC && !page.equals("/"));
        if (open) {
            return false;
        }
        MfaRequirement.Setting setting = MfaRequirement.Setting.of(Settings.mfaPolicy());
        if (setting != MfaRequirement.Setting.REQUIRE || !user.isSignedIn()) {
            return false; // only require reads the account, once per page request
        }
        return accounts.find(user.getAccountId()).map(a -> MfaRequirement.confinesPages(setting, a.getMfaLevel())).orElse(false);
    }

    /**
     * Whether the container routed this request to the API, which ApiGuard (mapped to /api/*)
     * guards: decided by the servlet mapping the container chose, the same path ApiGuard's own
     * mapping is matched against, never by the raw URI.
     */
    static boolean isApi(HttpServletRequest request) {
        return "/api".equals(request.getServletPath());
    }

    /** The path the container serves for this request: decoded, normalised, without path parameters. */
    static String servedPath(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The page a request path names, by its one URL; empty when it names none.
     * Pure, so unit tests cover every spelling.
     */
    static Optional<String> pageOf(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/' || !isPlain(raw)) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        for (String segment : raw.substring(1).split("/", -1)) {
            int parameters = segment.indexOf(';');
            path.append('/').append(parameters < 0 ? segment : segment.substring(0, parameters));
        }
        String p = path.toString();
        if (p.contains("//") || p.contains("/./") || p.contains("/../") || p.endsWith("/.") || p.endsWith("/..")) {
            return Optional.empty();
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith(".xhtml")) {
            p = p.substring(0, p.length() - ".xhtml".length());
        }
        if (p.equals("/index")) {
            p = "/";
        }
        return PAGES.containsKey(p) ? Optional.of(p) : Optional.empty();
    }

    /** Only the characters page URLs are made of: no encoding, no backslash, nothing a browser would rewrite. */
    private static boolean isPlain(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '.' || c == '_' || c == '-' || c == ';' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return !raw.contains("//");
    }
}
