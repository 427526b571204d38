package io.gemhost.web;

import io.gemhost.config.Settings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every cookie gemhost sets (the session cookie, the remember-this-device cookie): HttpOnly,
 * SameSite=Lax (Servlet 6 cookie attributes), for the whole site. It is Secure when the request
 * came over HTTPS, when GEMHOST_BASE_URL is https, and always behind a trusted proxy
 * (GEMHOST_TRUST_PROXY=true), which terminates HTTPS and forwards plain HTTP.
 */
final class CookiePolicy {

    private CookiePolicy() {
    }

    /** Adds the cookie; {@code maxAgeSeconds} -1 makes it last until the browser closes. */
    static void add(HttpServletRequest request, HttpServletResponse response, String name, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure() || Settings.trustProxy() || baseUrlIsHttps());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** The value of the request's cookie of this name (the first), or null. */
    static String read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static boolean baseUrlIsHttps() {
        String base = Settings.read("GEMHOST_BASE_URL", null);
        return base != null && base.regionMatches(true, 0, "https:", 0, 6);
    }
}
