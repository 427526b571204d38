package io.gemhost.audit;

import io.gemhost.config.Settings;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as recorded with each security event. Both boundaries (pages and
 * API) read it from their request with {@link #of(HttpServletRequest)}.
 */
public record Client(String ip, String userAgent) {

    public static final Client UNKNOWN = new Client("", "");

    public Client {
        ip = clip(ip, 64);
        userAgent = clip(userAgent, 400);
    }

    /** The client address and user agent of a request, honouring X-Forwarded-For only when trusted. */
    public static Client of(HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        if (Settings.trustProxy()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // the trusted proxy appends the address it saw; entries before it are the client's own words
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                ip = last.isEmpty() || last.length() > 64 ? ip : last;
            }
        }
        return new Client(ip, request.getHeader("User-Agent"));
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > max ? printable.substring(0, max) : printable;
    }
}
