package io.gemhost.api;

import io.gemhost.GemhostException;
import io.gemhost.apikey.Caller;
import io.gemhost.audit.Client;
import io.gemhost.publishing.PublisherKind;
import io.gemhost.publishing.PublisherSpec;
import io.gemhost.publishing.Publishers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * rubygems.org's API for a gem's trusted publishers (docs/API.md): list, add (form or JSON with
 * rubygems.org's parameter names), show, delete. The guard has checked the key's scope
 * configure_trusted_publishers and the second factor; Publishers checks that the caller owns the gem.
 */
@Path("/v1/gems/{name}/trusted_publishers")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class TrustedPublishersResource {

    @EJB
    Publishers publishers;
    @Context
    HttpServletRequest request;

    @GET
    public Response list(@PathParam("name") String name) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        publishers.list(caller().accountId(), name).forEach(p -> array.add(json(p)));
        return ok(200, array.build().toString());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@PathParam("name") String name, InputStream body) throws IOException {
        String text = RequestBodies.read(body, request.getContentLengthLong()).orElseThrow(() -> new GemhostException("publisher.type"));
        Function<String, String> field = fields(request.getContentType(), text);
        PublisherKind kind = PublisherKind.fromWireType(field.apply("trusted_publisher_type"))
                .orElseThrow(() -> new GemhostException("publisher.type"));
        PublisherSpec spec = kind == PublisherKind.GITHUB
                ? new PublisherSpec(kind, field.apply("repository_owner"), field.apply("repository_name"), field.apply("workflow_filename"), field.apply("environment"))
                : new PublisherSpec(kind, field.apply("namespace"), field.apply("project"), field.apply("ci_config_path"), field.apply("environment"));
        return ok(201, json(publishers.create(caller().accountId(), name, spec, Client.of(request))).build().toString());
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("name") String name, @PathParam("id") long id) {
        return ok(200, json(publishers.get(caller().accountId(), name, id)).build().toString());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("name") String name, @PathParam("id") long id) {
        publishers.delete(caller().accountId(), name, id, Client.of(request));
        return Response.noContent().header("Cache-Control", "private, no-store").build();
    }

    /**
     * The fields of a create: {@code trusted_publisher_type} and the members of
     * {@code trusted_publisher} (form names {@code trusted_publisher[NAME]}, or a JSON object).
     */
    private static Function<String, String> fields(String contentType, String body) {
        if (RequestBodies.isJson(contentType)) {
            JsonObject object = RequestBodies.jsonObject(body).orElseThrow(() -> new GemhostException("publisher.type"));
            JsonObject inner = object.get("trusted_publisher") instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
            return n -> n.equals("trusted_publisher_type") ? RequestBodies.string(object, n) : RequestBodies.string(inner, n);
        }
        Map<String, String> form = RequestBodies.form(RequestBodies.isForm(contentType) ? body : "").orElse(Map.of());
        return n -> n.equals("trusted_publisher_type") ? form.get(n) : form.get("trusted_publisher[" + n + "]");
    }

    static JsonObjectBuilder json(Publishers.View p) {
        PublisherSpec s = p.spec();
        JsonObjectBuilder inner = Json.createObjectBuilder().add("name", s.displayName());
        if (s.kind() == PublisherKind.GITHUB) {
            inner.add("repository_owner", s.owner()).add("repository_name", s.project());
            nullable(inner, "repository_owner_id", p.ownerId());
            inner.add("workflow_filename", s.workflow());
        } else {
            inner.add("namespace", s.owner()).add("project", s.project());
            nullable(inner, "namespace_id", p.ownerId());
            inner.add("ci_config_path", s.workflow());
        }
        nullable(inner, "environment", s.environment());
        return Json.createObjectBuilder().add("id", p.id()).add("trusted_publisher_type", s.kind().wireType()).add("trusted_publisher", inner);
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static Response ok(int status, String json) {
        return Response.status(status).entity(json).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").header("Vary", "Authorization").build();
    }

    private Caller caller() {
        return (Caller) request.getAttribute(Caller.ATTRIBUTE);
    }
}
