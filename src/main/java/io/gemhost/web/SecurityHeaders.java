package io.gemhost.web;

import io.gemhost.config.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers of docs/SECURITY.md on every response: a strict Content-Security-Policy (the only
 * script is the site's own security-key file; the QR code is a data: image), nosniff, no referrer leaving the site, no framing.
 * Pages are never cached: they carry view-state tokens, and some show keys or codes. Over HTTPS
 * (directly, or behind the trusted proxy) Strict-Transport-Security for a year.
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** The gem client's security-key page hands its code to the client's listener on this machine (a redirect after its form). */
    static final String VERIFICATION_CSP = CSP.replace("form-action 'self'", "form-action 'self' http://localhost:*");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", path.startsWith("/webauthn_verification") ? VERIFICATION_CSP : CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure() || Settings.trustProxy()) { // behind the trusted proxy, browsers speak HTTPS to it
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (!request.getRequestURI().contains("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
