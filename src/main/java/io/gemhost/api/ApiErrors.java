package io.gemhost.api;

import io.gemhost.GemhostException;
import io.gemhost.language.Languages;
import io.gemhost.gems.InvalidGemException;
import io.gemhost.publishing.ExchangeRefused;
import jakarta.json.Json;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every API failure as a status and a plain-text sentence: refusals as docs/API.md words them,
 * a broken gem as 422, a body no reader could read as 400, anything unexpected as a bare 500 with no stack trace or class name.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    /** The status of each refusal the API can meet; a refusal not listed is a 422. */
    static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("gem.mfaRequired", 403),
            Map.entry("gem.unconfirmed", 403),
            Map.entry("gem.notOwner.push", 403),
            Map.entry("gem.notOwner.yank", 403),
            Map.entry("gem.notOwner.owners", 403),
            Map.entry("gem.owner.last", 403),
            Map.entry("gem.owner.unconfirmed", 403),
            Map.entry("apiKey.otherGem", 403),
            Map.entry("gem.notFound", 404),
            Map.entry("gem.owner.notFound", 404),
            Map.entry("apiKey.notFound", 404),
            Map.entry("publisher.notOwner", 403),
            Map.entry("publisher.notFound", 404),
            Map.entry("gem.versionExists", 409),
            Map.entry("gem.owner.already", 409),
            Map.entry("gem.tooLarge", 413),
            Map.entry("apiKey.name", 422),
            Map.entry("apiKey.noScope", 422));

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = thrown instanceof EJBException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (t instanceof GemhostException refused) {
            return text(STATUS.getOrDefault(refused.messageKey(), 422), text(refused));
        }
        if (t instanceof ExchangeRefused refused) {
            return json(refused.status(), refused.getMessage());
        }
        if (t instanceof InvalidGemException e) {
            return text(422, "Invalid gem: " + e.reason());
        }
        if (t instanceof jakarta.ws.rs.ProcessingException) {
            return text(400, "Bad request."); // an entity reader could not read the body (JSON sent where a form belongs)
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

    /**
     * The sentence for a refusal, from the texts bundle (messages.properties), as docs/API.md words
     * it: always the English base bundle, whatever the request's Accept-Language or the account's
     * language, since the gem client matches these sentences.
     */
    static String text(GemhostException refused) {
        String pattern = Languages.bundle("messages", Languages.ENGLISH).getString(refused.messageKey());
        Object[] args = java.util.Arrays.stream(refused.args()).map(String::valueOf).toArray(); // 1000, not "1,000"
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** A refusal of the token exchange: JSON {"error": SENTENCE}, as the CI tooling reads it. */
    static Response json(int status, String error) {
        return Response.status(status).entity(Json.createObjectBuilder().add("error", error).build().toString())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).header("Cache-Control", "private, no-store").build();
    }

    private static Response text(int status, String body) {
        return Response.status(status).entity(body).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }
}
