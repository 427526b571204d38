package io.gemhost.web;

import java.util.Optional;

/**
 * Where a sign-in may send the browser back to: a path on this site only. Anything that a
 * browser could read as another origin ("//host", "/\host", a scheme, control characters) is
 * refused, so there is no open redirect.
 */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    public static Optional<String> path(String candidate) {
        return sitePath(candidate).filter(p -> !p.startsWith("/sign_in") && !p.startsWith("/sign_up"));
    }

    /** A path on this site, whatever page it names. */
    public static Optional<String> sitePath(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2000) {
            return Optional.empty();
        }
        if (candidate.charAt(0) != '/' || candidate.startsWith("//") || candidate.startsWith("/\\")) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(candidate);
    }
}
