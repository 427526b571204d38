package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.admin.Operators;
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

/**
 * Keeps the account pages for signed-in users. Someone half signed in (password right, second
 * factor not yet) reaches only /sign_in/otp; anyone else is sent to /sign_in and, after signing
 * in, back to the page they asked for.
 */
@WebFilter(filterName = "AccessFilter", urlPatterns = {"/profile/*", "/totp/*", "/multifactor_auth/*", "/sign_in/otp", "/admin/*", "/admin"})
public class AccessFilter extends HttpFilter {

    @Inject
    CurrentUser user;
    @Inject
    Operators operators;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean otpPage = path.equals("/sign_in/otp") || path.equals("/sign_in/otp.xhtml");
        if (user.isAwaitingSecondFactor()) {
            if (otpPage) {
                chain.doFilter(request, response);
            } else {
                response.sendRedirect(request.getContextPath() + "/sign_in/otp");
            }
            return;
        }
        if (user.isSignedIn() && !otpPage) {
            if (path.startsWith("/admin") && !operators.isOperator(user.getAccountId())) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND); // not an operator: as if there were no such page
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (otpPage) {
            response.sendRedirect(request.getContextPath() + "/sign_in");
            return;
        }
        String back = "GET".equals(request.getMethod())
                ? path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) : path;
        response.sendRedirect(request.getContextPath() + "/sign_in?return="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
