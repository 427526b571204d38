package io.gemhost.api;

import io.gemhost.Refusal;
import io.gemhost.gems.InvalidGemException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every API failure as a status and a plain-text sentence: refusals as CONTRACT.md words them,
 * a broken gem as 422, anything unexpected as a bare 500 with no stack trace or class name.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = thrown instanceof EJBException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (t instanceof Refusal r) {
            return text(r.status(), r.body());
        }
        if (t instanceof InvalidGemException e) {
            return text(422, "Invalid gem: " + e.reason());
        }
        if (t instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return text(status, switch (status) {
                case 404 -> "Not found.";
                case 405 -> "Method not allowed.";
                case 406 -> "Not acceptable.";
                case 415 -> "Unsupported content type.";
                default -> status >= 500 ? "Internal server error." : "Bad request.";
            });
        }
        LOG.log(Level.WARNING, "API request failed", t);
        return text(500, "Internal server error.");
    }

    private static Response text(int status, String body) {
        return Response.status(status).entity(body).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }
}
