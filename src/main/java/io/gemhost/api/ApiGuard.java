package io.gemhost.api;

import io.gemhost.account.SignIn;
import io.gemhost.apikey.Callers;
import io.gemhost.apikey.Caller;
import io.gemhost.audit.Client;
import io.gemhost.config.Settings;
import io.gemhost.mfa.MfaRequirement;
import io.gemhost.mfa.Proof;
import io.gemhost.mfa.SecondFactor;
import io.gemhost.apikey.Scope;
import io.gemhost.publishing.PublisherKeys;
import io.gemhost.publishing.PublisherKeys.PublisherCaller;
import io.gemhost.metrics.Meters;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The guard of /api/*: authenticates (the raw key in Authorization, or Basic for api_key; an
 * expired key is no key), refuses a key limited to a gem its account lost, checks the key's scope,
 * asks MfaRequirement whether the operator's MFA policy refuses or warns this account (a trusted
 * publisher's key has no account and never gets there), and has Proof, the pages' own
 * password-then-second-factor step, judge the OTP header for this action; it answers exactly as
 * rubygems.org does, so the gem client prompts. Fails closed: the answer to a proof is a switch
 * expression over closed types (refusal), so an outcome it has no answer for does not compile,
 * and only a proof Proof made passes. Resources behind it trust the Caller it leaves on the request.
 * Deny by default: a request that is not exactly a row of Route.TABLE (method and canonical raw
 * path) is answered 404 or 405 here and never reaches JAX-RS.
 */
@WebFilter(filterName = "ApiGuard", urlPatterns = "/api/*")
public class ApiGuard extends HttpFilter {

    static final String OTP_MISSING = "You have enabled multifactor authentication but no OTP code provided. Please fill it and retry.";
    static final String OTP_INCORRECT = "Your OTP code is incorrect. Please check it and retry.";
    /** The request attribute that carries MfaRequirement's warning line to the resource whose answer ends with it. */
    static final String MFA_WARNING = "io.gemhost.api.mfaWarning";
    /** A key limited to gems whose account no longer owns one of them (rubygems.org's words). */
    static final String KEY_INVALID = "An invalid API key cannot be used. Please delete it and create a new one.";
    static final String INVALID_PASSWORD = "Invalid email or password.";

    /** A refused request: its status and body, or (429) how long to wait. */
    record Refusal(int status, String body, Duration retryAfter) {
    }

    @Inject
    Callers callers;
    @EJB
    Proof proof;
    @Inject
    Settings settings;
    @EJB
    PublisherKeys publisherKeys;

    @Inject
    Meters meters;

    /** Guards the request, then counts it by its row and the status it was answered with. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the raw URI, not decoded: only the one canonical spelling of a row gets past this point
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Route> row = Route.of(request.getMethod(), path);
        boolean failed = true;
        try {
            guard(row, path, request, response, chain);
            failed = false;
        } finally {
            meters.apiRequest(row.map(r -> r.method() + " /api/" + r.template()).orElse("unmatched"), failed ? 500 : response.getStatus());
        }
    }

    private void guard(Optional<Route> row, String path, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (row.isEmpty()) {
            List<String> allowed = Route.allowed(path);
            if (allowed.isEmpty()) {
                answer(response, 404, "Not found.");
            } else {
                response.setHeader("Allow", String.join(", ", allowed));
                answer(response, 405, "Method not allowed.");
            }
            return;
        }
        Route route = row.get();
        if (route.auth() == Route.Auth.NONE) {
            chain.doFilter(request, response);
            return;
        }
        // an answer to a credential carries a key, a code or the account's data: no cache may keep it
        response.setHeader("Cache-Control", "private, no-store");
        response.addHeader("Vary", "Authorization");
        Client client = Client.of(request);
        Caller caller;
        boolean byPassword = route.auth() == Route.Auth.BASIC
                || (route.auth() == Route.Auth.KEY_OR_BASIC && isBasic(request.getHeader("Authorization")));
        if (byPassword) {
            Optional<String[]> credentials = basic(request.getHeader("Authorization"));
            if (credentials.isEmpty()) {
                answer(response, 401, INVALID_PASSWORD);
                return;
            }
            SignIn.Result result = proof.password(credentials.get()[0], credentials.get()[1], client);
            Optional<Refusal> refused = switch (result.outcome()) {
                case OK -> Optional.empty();
                case INVALID -> Optional.of(new Refusal(401, INVALID_PASSWORD, null));
                case PAUSED -> Optional.of(new Refusal(429, null, result.retryAfter()));
            };
            if (refused.isPresent()) {
                refuse(response, refused.get());
                return;
            }
            var account = result.account();
            caller = new Caller(account.getId(), account.getEmail(), account.getHandle(),
                    account.getMfaLevel(), null, java.util.Set.of(), false);
        } else if (PublisherKeys.looksLike(request.getHeader("Authorization"))) {
            publisher(route, request, response, chain);
            return;
        } else {
            Optional<Caller> byKey = callers.of(request.getHeader("Authorization"));
            if (byKey.isEmpty()) {
                answer(response, 401, "Access Denied. Please sign up for an account at " + settings.baseUrl()); // never the request's Host
                return;
            }
            caller = byKey.get();
            if (!caller.gemsHeld()) {
                answer(response, 403, KEY_INVALID);
                return;
            }
            if (route.scope() != null && !caller.scopes().contains(route.scope())) {
                answer(response, 403, "The API key doesn't have access to " + route.scope().code());
                return;
            }
        }
        // the operator's MFA policy (docs/SECURITY.md): an account below it is refused here, or warned in the answer
        MfaRequirement.Verdict required = MfaRequirement.api(MfaRequirement.Setting.of(Settings.mfaPolicy()), caller.level(),
                route.action(), settings.baseUrl());
        switch (required.kind()) {
            case ALLOW -> { }
            case WARN -> request.setAttribute(MFA_WARNING, required.text());
            case REFUSE -> { answer(response, 403, required.text()); return; }
        }
        if (route.action() != null) {
            Optional<Refusal> refused = refusal(proof.apiSecondFactor(caller.accountId(), caller.level(), caller.keyMfa(),
                    request.getHeader("OTP"), route.action(), client));
            if (refused.isPresent()) {
                refuse(response, refused.get());
                return;
            }
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    /**
     * The answer to a proof: none when Proof proved the action, else its refusal. Exhaustive over
     * Proof's and SecondFactor's outcomes with no default, so a new outcome must be given an
     * answer before it compiles; an OK without Proof's proof, or an accepted verdict under a
     * refused proof, is refused.
     */
    static Optional<Refusal> refusal(Proof.Result result) {
        if (result.ok()) {
            return Optional.empty();
        }
        SecondFactor.Outcome factor = result.verdict() == null ? SecondFactor.Outcome.WRONG : result.verdict().outcome();
        return Optional.of(switch (result.outcome()) {
            case OK -> new Refusal(401, OTP_INCORRECT, null);
            case WRONG_PASSWORD -> new Refusal(401, INVALID_PASSWORD, null);
            case PASSWORD_PAUSED -> new Refusal(429, null, result.retryAfter());
            case SECOND_FACTOR -> switch (factor) {
                case MISSING -> new Refusal(401, OTP_MISSING, null);
                case PAUSED, LOCKED -> new Refusal(429, null, result.verdict().retryAfter());
                case WRONG, ACCEPTED -> new Refusal(401, OTP_INCORRECT, null);
            };
        });
    }

    private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        if (refusal.status() == 429) {
            tooMany(response, refusal.retryAfter());
        } else {
            answer(response, refusal.status(), refusal.body());
        }
    }

    /**
     * A trusted publisher's key (docs/SECURITY.md): it has no account, needs no second factor and
     * may only push (which gem, PublisherPushes decides); every other route is refused.
     */
    private void publisher(Route route, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<PublisherCaller> caller = publisherKeys.authenticate(request.getHeader("Authorization"));
        if (caller.isEmpty()) {
            answer(response, 401, "Access Denied. Please sign up for an account at " + settings.baseUrl());
            return;
        }
        if (route.scope() != Scope.PUSH_RUBYGEM) {
            answer(response, 403, route.scope() != null ? "The API key doesn't have access to " + route.scope().code()
                    : "This API key cannot perform the specified action on this gem.");
            return;
        }
        request.setAttribute(PublisherCaller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static boolean isBasic(String header) {
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** email and password from a Basic header; empty when the header is anything else. */
    static Optional<String[]> basic(String header) {
        if (header == null || header.length() > 4096 || !isBasic(header)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static void tooMany(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = Math.max(1, Math.min(retryAfter.toSeconds(), 365L * 24 * 3600));
        response.setHeader("Retry-After", Long.toString(seconds));
        answer(response, 429, "Too many attempts. Try again in " + seconds + " seconds.");
    }

    static void answer(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
