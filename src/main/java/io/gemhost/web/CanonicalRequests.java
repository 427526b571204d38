package io.gemhost.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first filter of every request: a request URI that is not in canonical form is answered
 * {@code 404 Not found.}, as the API guard answers any path it does not know, before any guard or
 * servlet reads it (docs/SECURITY.md, "Canonical request paths"). The
 * container serves a normalised path (dot segments resolved, escapes decoded, path parameters
 * dropped), so a guard reading the raw URI and the container could otherwise disagree about
 * which resource a request names. After this filter the two agree, up to path parameters on the
 * last segment (a session id) and escapes of characters no path of the application uses.
 */
@WebFilter(filterName = "CanonicalRequests")
public class CanonicalRequests extends HttpFilter {

    /** The whole answer to a request URI that is not canonical, for every method (an error page cannot answer a DELETE). */
    public static final String REFUSAL = "Not found.";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (!isCanonical(raw)) {
            byte[] body = REFUSAL.getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether a raw (undecoded) path, without the context path, is canonical: it starts with a
     * slash, has no empty segment ({@code //}), no dot segment, plain or escaped, no path parameter
     * before the last segment, no backslash, space or control character, and no escape of a character
     * that must appear plain (letters, digits, {@code -._~}), that separates segments or
     * parameters ({@code / \ ;}), of {@code %} itself, of a control character, the space, or any byte
     * outside ASCII. Pure, so unit tests cover every spelling.
     */
    static boolean isCanonical(String raw) {
        if (raw.isEmpty()) {
            return true; // the context root without its slash: the container redirects to "/"
        }
        if (raw.charAt(0) != '/' || raw.contains("//")) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    return false;
                }
                int b = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (b < 0x20 || b >= 0x7f || isUnreserved(b) || b == '/' || b == '\\' || b == ';' || b == '%') {
                    return false;
                }
            }
        }
        String[] segments = raw.substring(1).split("/", -1);
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            int parameters = segment.indexOf(';');
            if (parameters >= 0 && s < segments.length - 1) {
                return false;
            }
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
