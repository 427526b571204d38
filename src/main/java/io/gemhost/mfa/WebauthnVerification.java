package io.gemhost.mfa;

import io.gemhost.account.Account;
import io.gemhost.audit.Client;
import io.gemhost.config.Settings;
import io.gemhost.webauthn.WebauthnVerificationTokens;
import io.gemhost.webauthn.SecurityKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The gem client's security-key flow (docs/API.md): the API hands out a URL with a token; on that
 * page (no browser session needed) the token's account uses one of its keys, checked by
 * SecondFactor like any other factor (same throttle, same log); the page then hands the client a
 * one-time code, which the client also learns from polling, and sends in the OTP header. The code
 * serves the API only (WebauthnVerificationCodes); only the credential that started the flow may poll for
 * it; the page tells the owner who asked, so a request they did not start can be told apart.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebauthnVerification {

    public enum Outcome { VERIFIED, WRONG, PAUSED, EXPIRED }

    public record Result(Outcome outcome, String code, SecondFactor.Verdict verdict) {
    }

    /** Who asked, as the page shows it: the account's handle, the address and client of the request, its credential, when. */
    public record Asker(String handle, String address, String client, boolean byKey, Instant at) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    WebauthnVerificationTokens tokens;
    @EJB
    SecurityKeys keys;
    @Inject
    SecurityKeyKind securityKeys;
    @EJB
    SecondFactor secondFactor;
    @Inject
    Settings settings;

    /**
     * The URL for the client to print, for a request made with this API key (null: the password)
     * by this client; empty when the account has no security key.
     */
    public Optional<String> start(long accountId, Long keyId, Client client) {
        if (!keys.any(accountId)) {
            return Optional.empty();
        }
        return Optional.of(settings.baseUrl() + "/webauthn_verification/" + tokens.start(accountId, keyId, client.ip(), client.userAgent()));
    }

    /** Who asked for a token that is still waiting for its key. */
    public Optional<Asker> asker(String token) {
        return tokens.request(token).flatMap(r -> Optional.ofNullable(em.find(Account.class, r.accountId()))
                .map(a -> new Asker(a.getHandle(), r.ip(), r.client(), r.keyId() != null, Instant.ofEpochMilli(r.at()))));
    }

    /** The key options for the token's account; empty when the token is not (or no longer) waiting. */
    public Optional<String> requestOptions(String token) {
        return tokens.waiting(token).flatMap(securityKeys::requestOptions);
    }

    public Result verify(String token, String response, Client client) {
        Optional<Long> account = tokens.waiting(token);
        if (account.isEmpty()) {
            return new Result(Outcome.EXPIRED, null, null);
        }
        if (response == null || !securityKeys.reads(response)) { // only a key's response, never a code, verifies here
            return new Result(Outcome.WRONG, null, null);
        }
        SecondFactor.Verdict verdict = secondFactor.verify(account.get(), response, client);
        if (!verdict.ok()) {
            return new Result(verdict.outcome() == SecondFactor.Outcome.WRONG ? Outcome.WRONG : Outcome.PAUSED, null, verdict);
        }
        return tokens.complete(token).map(code -> new Result(Outcome.VERIFIED, code, verdict))
                .orElseGet(() -> new Result(Outcome.EXPIRED, null, null));
    }

    /** What the poller learns; only the account and credential (the API key, or null for the password) that started the token learn anything. */
    public WebauthnVerificationTokens.Status status(String token, long accountId, Long keyId) {
        return tokens.status(token, accountId, keyId);
    }
}
