package io.gemhost.api;

import io.gemhost.audit.Client;
import io.gemhost.publishing.Exchange;
import io.gemhost.publishing.ExchangeRefused;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * rubygems.org's token exchange for trusted publishing (docs/API.md): a CI job's ID token, as JSON
 * {@code {"jwt": ...}} or the form field {@code jwt}, for a 15-minute push key. No Authorization
 * header: the token is the credential. Answers in JSON, also when refusing.
 */
@Path("/v1/oidc/trusted_publisher")
@ApplicationScoped
public class TrustedPublishingResource {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    @EJB
    Exchange exchange;
    @Context
    HttpServletRequest request;

    @POST
    @Path("exchange_token")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response exchange(InputStream body) throws IOException {
        Optional<String> text = RequestBodies.read(body, request.getContentLengthLong());
        if (text.isEmpty()) {
            return ApiErrors.json(413, "the body is larger than " + RequestBodies.MAX_BYTES / 1024 + " KB");
        }
        String jwt = jwt(request.getContentType(), text.get());
        Exchange.Issued issued = exchange.exchange(jwt, Client.of(request));
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("rubygems_api_key", issued.key())
                .add("name", issued.name())
                .add("scopes", Json.createArrayBuilder(issued.scopes()));
        if (issued.gem() != null) {
            answer.add("gem", Json.createObjectBuilder().add("name", issued.gem()));
        }
        answer.add("expires_at", ISO.format(issued.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        return Response.status(201).entity(answer.build().toString()).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").build();
    }

    /** The token from a JSON or form body; ExchangeRefused (400) for any other body. */
    private static String jwt(String contentType, String body) {
        String jwt = null;
        if (RequestBodies.isJson(contentType)) {
            jwt = RequestBodies.jsonObject(body).map(o -> RequestBodies.string(o, "jwt")).orElse(null);
        } else if (RequestBodies.isForm(contentType)) {
            jwt = RequestBodies.form(body).map((Map<String, String> f) -> f.get("jwt")).orElse(null);
        }
        if (jwt == null) {
            throw ExchangeRefused.malformed("send the ID token as JSON {\"jwt\": \"...\"} (content-type application/json) or as the form field jwt");
        }
        return jwt;
    }
}
