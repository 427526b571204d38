package io.gemhost.web;

import io.gemhost.audit.Client;
import io.gemhost.config.Settings;
import jakarta.servlet.http.HttpServletRequest;

/** The client address and user agent of a request, honouring X-Forwarded-For only when trusted. */
public final class Clients {

    private Clients() {
    }

    public static Client of(HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        if (Boolean.parseBoolean(Settings.read("GEMHOST_TRUST_PROXY", "false"))) {
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
}
