package io.gemhost.api;

import io.gemhost.audit.Client;
import io.gemhost.scanning.LeakedKeys;
import io.gemhost.scanning.ReportSignatures;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's secret-scanning partner endpoint, as rubygems.org has it (docs/API.md): a report of
 * keys found in public. The guard lets anyone post (the row's auth is NONE); the signature over the
 * raw body is the credential, checked here before anything is read from it: unsigned or badly
 * signed, 401 and nothing revoked. Answers one {@code {"token_raw", "token_type", "label"}} per token.
 */
@Path("/v1/api_key/revoke")
@ApplicationScoped
public class SecretScanningResource {

    /** A report is small (GitHub sends a few tokens at a time); larger bodies are not read. */
    static final int MAX_BYTES = 256 * 1024;

    @Inject
    ReportSignatures signatures;
    @EJB
    LeakedKeys leakedKeys;
    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response revoke(InputStream body) throws IOException {
        Optional<byte[]> bytes = RequestBodies.bytes(body, request.getContentLengthLong(), MAX_BYTES);
        if (bytes.isEmpty()) {
            return plain(413, "The report is larger than " + MAX_BYTES / 1024 + " KB.");
        }
        ReportSignatures.Check check = signatures.check(request.getHeader("Github-Public-Key-Identifier"),
                request.getHeader("Github-Public-Key-Signature"), bytes.get());
        if (check.report() == null) {
            return plain(401, check.refusal().text());
        }
        Optional<List<LeakedKeys.Labelled>> labelled = leakedKeys.revoke(check.report(), Client.of(request));
        if (labelled.isEmpty()) {
            return plain(400, "The report must be a JSON array of {\"token\", \"type\", \"url\", \"source\"}, at most "
                    + LeakedKeys.MAX_TOKENS + " tokens.");
        }
        JsonArrayBuilder answer = Json.createArrayBuilder();
        for (LeakedKeys.Labelled l : labelled.get()) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("token_raw", l.token());
            if (l.type() == null) {
                entry.addNull("token_type");
            } else {
                entry.add("token_type", l.type());
            }
            answer.add(entry.add("label", l.label()));
        }
        // the answer repeats the reported keys: no cache may keep it
        return Response.ok(answer.build().toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").build();
    }

    private static Response plain(int status, String text) {
        return Response.status(status).entity(text).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }
}
