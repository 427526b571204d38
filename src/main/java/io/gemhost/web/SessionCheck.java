package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A page request's browser session (docs/SECURITY.md, "Sessions"; docs/ARCHITECTURE.md,
 * "Stateless nodes"). The browser's state is its row, named by the token in the
 * {@value #COOKIE} cookie (CurrentUser.attach reads it, or starts a new one and sets the cookie);
 * the container's HTTP session is never used. Then two refusals, on every node alike:
 * <ul>
 * <li>a form posted without this browser's form token (a forged cross-site request, or a page
 *     older than the browser's session) changes nothing: 403 and a page that says so
 *     (docs/SECURITY.md, "Forms"); the token is compared in constant time;</li>
 * <li>a browser whose signed-in session was ended elsewhere (sign out everywhere else, a password
 *     change or reset, a new key or level, on any node) starts over, on /sign_in. The row check
 *     itself is CurrentUser's, made wherever the identity is read; this filter only acts early.</li>
 * </ul>
 * The API, the style sheets and the health and metrics endpoints have no browser state.
 */
@WebFilter(filterName = "SessionCheck")
public class SessionCheck extends HttpFilter {

    /** The session cookie: 32 random bytes in hex; the server keeps only their SHA-256 digest. */
    public static final String COOKIE = "gemhost_session";
    /** The form field that carries the browser's form token (FormTokens adds it to every form). */
    public static final String FORM_TOKEN = "gemhost_form";

    @Inject
    CurrentUser user;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String served = PageGuard.servedPath(request);
        if (PageGuard.isApi(request) || served.startsWith(PageGuard.RESOURCES) || PageGuard.ENDPOINTS.contains(served)) {
            chain.doFilter(request, response);
            return;
        }
        user.attach(CookiePolicy.read(request, COOKIE), token -> CookiePolicy.add(request, response, COOKIE, token, -1));
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!read && !PageGuard.parametersReadable(request)) { // a body shorter than its Content-Length
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        if (!read && !user.formTokenMatches(request.getParameter(FORM_TOKEN))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (user.wasEndedElsewhere()) {
            user.end();
            response.sendRedirect(request.getContextPath() + "/sign_in");
            return;
        }
        chain.doFilter(request, response);
    }
}
