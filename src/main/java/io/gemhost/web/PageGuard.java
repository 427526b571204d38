package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.admin.Operators;
import io.gemhost.webauthn.CommandLineTokens;
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
import java.util.Map;
import java.util.Optional;

/**
 * The guard of every page, deny by default. It judges the path the container serves (a request
 * URI that is not canonical never gets here: CanonicalRequests). A request is first reduced to
 * the page it names (a trailing slash and the .xhtml suffix are other spellings of the same
 * page; encoded characters, dot segments and doubled slashes name none), then judged by that
 * page's row in one table. A page without a row does not exist (404). Someone half signed in reaches
 * only /sign_in/otp; the operator page is a 404 for everyone but an operator; other spellings
 * of a page the request may see are redirected to its one URL.
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
            Map.entry("/profile/edit", Access.SIGNED_IN),
            Map.entry("/profile/email", Access.SIGNED_IN),
            Map.entry("/profile/delete", Access.SIGNED_IN),
            Map.entry("/profile/security_log", Access.SIGNED_IN),
            Map.entry("/profile/api_keys", Access.SIGNED_IN),
            Map.entry("/totp/new", Access.SIGNED_IN),
            Map.entry("/multifactor_auth/recovery", Access.SIGNED_IN),
            Map.entry("/multifactor_auth/regenerate", Access.SIGNED_IN),
            Map.entry("/webauthn_verification", Access.PUBLIC),
            Map.entry("/admin", Access.OPERATOR));

    /** The gem client's security-key page is /webauthn_verification/TOKEN: the token is the last segment. */
    static final String VERIFICATION_PREFIX = "/webauthn_verification/";
    /** The request attribute that carries that token to the page. */
    public static final String VERIFICATION_TOKEN = "gemhost.verificationToken";

    /** Faces serves the style sheet under this prefix (GET only). */
    static final String RESOURCES = "/jakarta.faces.resource/";

    @Inject
    CurrentUser user;
    @Inject
    Operators operators;

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
        String token = served.startsWith(VERIFICATION_PREFIX) && served.equals(raw) ? served.substring(VERIFICATION_PREFIX.length()) : null;
        if (read && CommandLineTokens.isToken(token)) {
            request.setAttribute(VERIFICATION_TOKEN, token);
            request.getRequestDispatcher("/webauthn_verification").forward(request, response); // the page's one URL, so its form posts there
            return;
        }
        Optional<String> page = pageOf(served);
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
                    String back = read && request.getQueryString() != null ? page.get() + "?" + request.getQueryString() : page.get();
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
        if (!raw.equals(page.get())) {
            if (!read) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND); // forms post to the page's one URL
                return;
            }
            response.sendRedirect(context + page.get() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return;
        }
        chain.doFilter(request, response);
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
