package io.gemhost.api;

import io.gemhost.GemhostException;
import io.gemhost.Names;
import io.gemhost.apikey.ApiKeys;
import io.gemhost.apikey.Caller;
import io.gemhost.apikey.KeyTerms;
import io.gemhost.apikey.Scope;
import jakarta.ejb.EJB;
import java.time.Clock;
import java.util.EnumSet;
import io.gemhost.audit.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * gem signin: POST (and legacy GET) make a key, PUT adds scopes. ApiGuard has checked Basic and
 * the OTP. POST also takes rubygems.org's terms, expires_at and rubygem_name (KeyTerms). The
 * legacy GET's key has every scope, configure_trusted_publishers included, as rubygems.org's
 * legacy key has every scope but its dashboard-only one.
 */
@Path("/v1/api_key")
@Produces(MediaType.TEXT_PLAIN)
@ApplicationScoped // one instance: its references are injected once, not on every request (the request is a per-thread proxy)
public class ApiKeyResource {

    @Inject
    Clock clock;

    @EJB
    ApiKeys apiKeys;
    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD)
    public String create(MultivaluedMap<String, String> form) {
        String name = KeyTerms.name(form == null ? null : form.getFirst("name"), clock.instant());
        Set<Scope> scopes = scopes(form);
        if (scopes.isEmpty()) {
            throw new GemhostException("apiKey.noScope");
        }
        Instant expiresAt = KeyTerms.expiresAt(form.getFirst("expires_at"), clock.instant(), "Expires at").orElse(null);
        return apiKeys.create(caller().accountId(), name, scopes, expiresAt, form.getFirst("rubygem_name"), Client.of(request));
    }

    @GET
    public String legacy() {
        return apiKeys.create(caller().accountId(), "legacy-signin-" + clock.instant().getEpochSecond(), ApiKeys.SCOPES, Client.of(request));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public String update(MultivaluedMap<String, String> form) {
        Set<Scope> scopes = scopes(form);
        if (scopes.isEmpty()) {
            throw new GemhostException("apiKey.noScope");
        }
        apiKeys.addScopes(caller().accountId(), form.getFirst("api_key"), scopes);
        return "Scopes updated.";
    }

    private static Set<Scope> scopes(MultivaluedMap<String, String> form) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (form != null) {
            for (Scope scope : Scope.values()) {
                if ("true".equals(form.getFirst(scope.code()))) {
                    scopes.add(scope);
                }
            }
        }
        return scopes;
    }

    private Caller caller() {
        return (Caller) request.getAttribute(Caller.ATTRIBUTE);
    }
}
