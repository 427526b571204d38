package io.gemhost.metrics;

import io.gemhost.metrics.Health.HealthAnswer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /health/live and /health/ready for load balancers: public, MicroProfile Health's shape, 503 when DOWN. */
@WebServlet(name = "Health", urlPatterns = {HealthServlet.LIVE, HealthServlet.READY})
public class HealthServlet extends HttpServlet {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";

    @Inject
    Health health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthAnswer answer = READY.equals(request.getServletPath()) ? health.ready() : health.live();
        response.setStatus(answer.httpStatus());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(answer.json());
    }
}
