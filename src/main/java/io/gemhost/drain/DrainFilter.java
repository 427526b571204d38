package io.gemhost.drain;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The first filter that does anything (web.xml): counts each request in flight, and once the
 * node drains answers a new one 503 with Retry-After before any work, so a load balancer sends
 * it to another node (docs/ARCHITECTURE.md, "Shutdown and drain"). The health checks pass, so
 * /health/ready can say DOWN in its own words.
 */
@WebFilter(filterName = "DrainFilter", urlPatterns = "/*")
public class DrainFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/health/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!Drain.NODE.enter()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setHeader("Connection", "close");
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write((ResourceBundle.getBundle("messages", Locale.ENGLISH, DrainFilter.class.getClassLoader())
                    .getString("drain.refused") + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (Drain.draining()) {
                response.setHeader("Connection", "close"); // if not committed yet: no idle connection to a node that is ending
            }
            Drain.NODE.leave();
        }
    }
}
