package io.gemhost.api;

import io.gemhost.GemhostException;
import io.gemhost.apikey.Caller;
import io.gemhost.audit.Client;
import io.gemhost.config.Settings;
import io.gemhost.mfa.WebauthnVerification;
import io.gemhost.gems.GemFile;
import io.gemhost.gems.GemSpec;
import io.gemhost.gems.GemLists;
import io.gemhost.gems.Gems;
import io.gemhost.publishing.PublisherKeys.PublisherCaller;
import io.gemhost.publishing.PublisherPushes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** The gem endpoints of docs/API.md. ApiGuard has authenticated the caller and checked the factor. */
@Path("/v1")
@Produces(MediaType.TEXT_PLAIN)
@ApplicationScoped // one instance: its references are injected once, not on every request (the request is a per-thread proxy)
public class GemsResource {

    @EJB
    Gems gems;
    @Inject
    GemLists gemLists;
    @Inject
    Settings settings;
    @EJB
    WebauthnVerification verification;
    @EJB
    PublisherPushes publisherPushes;
    @Context
    HttpServletRequest request;

    @GET
    @Path("health")
    public String health() {
        return "OK";
    }

    /** The gem client's security-key flow: the URL of the page where the account uses its key (docs/API.md). */
    @POST
    @Path("webauthn_verification")
    public Response webauthn() {
        return verification.start(caller().accountId(), caller().keyId(), Client.of(request))
                .map(url -> Response.ok(url, MediaType.TEXT_PLAIN).build())
                .orElseGet(() -> Response.status(422).entity("You don't have any security devices").type(MediaType.TEXT_PLAIN).build());
    }

    /**
     * What the client's poller learns about its token: pending, success with the code, or expired;
     * to any credential but the one that started the token, it is a token that does not exist.
     */
    @GET
    @Path("webauthn_verification/{token}/status.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String webauthnStatus(@PathParam("token") String token) {
        return Texts.verificationStatusJson(verification.status(token, caller().accountId(), caller().keyId()));
    }

    @GET
    @Path("gems.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String listJson() {
        return Texts.gemsJson(gemLists.of(caller().accountId()));
    }

    @GET
    @Path("gems.yaml")
    @Produces("application/x-yaml")
    public String listYaml() {
        return Texts.gemsYaml(gemLists.of(caller().accountId()));
    }

    @POST
    @Path("gems")
    @Consumes(MediaType.WILDCARD)
    public String push(InputStream body) throws IOException {
        long max = settings.maxGemMegabytes() * 1024L * 1024L;
        GemhostException tooLarge = new GemhostException("gem.tooLarge", settings.maxGemMegabytes());
        if (request.getContentLengthLong() > max) {
            throw tooLarge;
        }
        byte[] file = readAtMost(body, max, tooLarge);
        GemSpec spec = GemFile.parse(file);
        PublisherCaller publisher = (PublisherCaller) request.getAttribute(PublisherCaller.ATTRIBUTE);
        GemSpec pushed;
        if (publisher != null) {
            pushed = publisherPushes.push(publisher.keyId(), spec, file, Client.of(request)); // which gems: its grants
        } else {
            forGem(spec.name());
            pushed = gems.push(caller().accountId(), caller().level(), spec, file);
        }
        return warned("Successfully registered gem: " + pushed.name() + " ("
                + pushed.version() + (GemSpec.RUBY.equals(pushed.platform()) ? "" : "-" + pushed.platform()) + ")");
    }

    @DELETE
    @Path("gems/yank")
    @Consumes(MediaType.WILDCARD)
    public String yank(MultivaluedMap<String, String> form) {
        forGem(field(form, "gem_name"));
        Gems.Yanked yanked = gems.yank(caller().accountId(), caller().level(), field(form, "gem_name"), field(form, "version"), field(form, "platform"));
        return warned("Successfully deleted gem: " + yanked.name() + " (" + yanked.number() + ")");
    }

    @POST
    @Path("gems/{name}/owners")
    @Consumes(MediaType.WILDCARD)
    public String addOwner(@PathParam("name") String name, MultivaluedMap<String, String> form) {
        forGem(name);
        gems.addOwner(caller().accountId(), caller().level(), name, field(form, "email"));
        return warned("Owner added successfully.");
    }

    @DELETE
    @Path("gems/{name}/owners")
    @Consumes(MediaType.WILDCARD)
    public String removeOwner(@PathParam("name") String name, MultivaluedMap<String, String> form) {
        forGem(name);
        gems.removeOwner(caller().accountId(), caller().level(), name, field(form, "email"));
        return warned("Owner removed successfully.");
    }

    @GET
    @Path("gems/{name}/owners.yaml")
    @Produces("application/x-yaml")
    public String ownersYaml(@PathParam("name") String name) {
        return Texts.ownersYaml(gems.owners(name));
    }

    @GET
    @Path("gems/{name}/owners.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String ownersJson(@PathParam("name") String name) {
        return Texts.ownersJson(gems.owners(name));
    }

    private static String field(MultivaluedMap<String, String> form, String name) {
        String value = form == null ? null : form.getFirst(name);
        return value == null ? null : value.strip();
    }

    private static byte[] readAtMost(InputStream in, long max, GemhostException tooLarge) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > max) {
                throw tooLarge;
            }
        }
        return out.toByteArray();
    }

    /** A key limited to gems acts on those only (Caller.mayActOn); 403 with rubygems.org's sentence otherwise. */
    private void forGem(String name) {
        if (!caller().mayActOn(name)) {
            throw new GemhostException("apiKey.otherGem");
        }
    }

    /** The answer, then MfaRequirement's warning after a blank line when the guard left one (rubygems.org's layout). */
    private String warned(String answer) {
        Object warning = request.getAttribute(ApiGuard.MFA_WARNING);
        return warning == null ? answer : answer + "\n\n" + warning;
    }

    private Caller caller() {
        return (Caller) request.getAttribute(Caller.ATTRIBUTE);
    }
}
