package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
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
 * change or reset, a new key or level, on any node): the next request finds no row and lands on
 * /sign_in. Requests without a session, and the API, never touch the database here.
 */
@WebFilter(filterName = "SessionCheck")
public class SessionCheck extends HttpFilter {

    @Inject
    CurrentUser user;
    @Inject
    Sessions sessions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getSession(false) != null && !path.startsWith("/api/") && !path.startsWith("/jakarta.faces.resource/")
                && user.isSignedIn() && !sessions.isOpen(user.getSessionKey(), user.getAccountId())) {
            user.clear();
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/sign_in");
            return;
        }
        chain.doFilter(request, response);
    }
}
