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
 * Signs a browser out when its session was ended elsewhere (sign out everywhere else, a password
 * change or reset, a new key or level, on any node): the next request finds no row, the HTTP
 * session is invalidated and the browser lands on /sign_in. The row check itself is
 * CurrentUser's, made wherever the identity is read; this filter only ends the HTTP session early.
 * Requests without a session, and those the container routed to the API or the style sheets,
 * never touch the database here.
 */
@WebFilter(filterName = "SessionCheck")
public class SessionCheck extends HttpFilter {

    @Inject
    CurrentUser user;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getSession(false) != null && !PageGuard.isApi(request)
                && !PageGuard.servedPath(request).startsWith(PageGuard.RESOURCES) && user.wasEndedElsewhere()) {
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/sign_in");
            return;
        }
        chain.doFilter(request, response);
    }
}
