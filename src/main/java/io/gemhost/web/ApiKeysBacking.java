package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.CurrentUser;
import io.gemhost.apikey.ApiKeys;
import io.gemhost.apikey.KeyTerms;
import io.gemhost.apikey.Scope;
import io.gemhost.gems.GemLists;
import io.gemhost.gems.Gems;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * profile/api_keys.xhtml: the account's API keys with Revoke, and the form that makes one with
 * scopes, one gem and an expiry (KeyTerms, the API's own rules), after the current second factor
 * when MFA is on. The new key is shown in the answer to the form only, never again.
 */
@Named("apiKeysPage")
@RequestScoped
public class ApiKeysBacking {

    @EJB
    ApiKeys apiKeys;
    @Inject
    GemLists gemLists;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;
    @Inject
    Clock clock;

    private List<ApiKeys.Listed> keys;
    private String name;
    private final Map<String, Boolean> chosen = new HashMap<>();
    private String gem;
    private String expiration;
    private String otpCode;
    private String newKey;

    public void create() {
        Instant now = clock.instant();
        String keyName;
        Instant expiresAt;
        try {
            keyName = KeyTerms.name(name, now);
        } catch (GemhostException bad) {
            Pages.error("form:name", bad.messageKey());
            return;
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Scope scope : Scope.values()) {
            if (Boolean.TRUE.equals(chosen.get(scope.code()))) {
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty()) {
            Pages.error(null, "apiKey.noScope");
            return;
        }
        try {
            expiresAt = KeyTerms.expiresAt(expiration, now, Pages.text("label.expiration")).orElse(null);
        } catch (GemhostException bad) {
            Pages.error("form:expiration", bad.messageKey(), bad.args());
            return;
        }
        Proof.Result proven = proof.secondFactor(user.getAccountId(), otpCode, MfaPolicy.Action.API_KEY_CREATE, Pages.client());
        if (!proven.ok()) {
            Pages.secondFactorError("form:otp", proven.verdict());
            return;
        }
        try {
            newKey = apiKeys.create(user.getAccountId(), keyName, scopes, expiresAt, gem, Pages.client());
            keys = null;
            name = null;
            expiration = null;
            gem = null;
            chosen.clear();
        } catch (GemhostException refused) {
            Pages.error("form:gem", refused.messageKey(), refused.args());
        }
    }

    public void revoke(long keyId) {
        try {
            apiKeys.revoke(user.getAccountId(), keyId, Pages.client());
            Pages.info("page.profile.keys.revoked");
        } catch (GemhostException unknown) {
            Pages.error(null, unknown.messageKey());
        }
        Pages.redirect("/profile/api_keys");
    }

    public List<ApiKeys.Listed> getKeys() {
        if (keys == null) {
            keys = user.isSignedIn() ? apiKeys.list(user.getAccountId()) : List.of();
        }
        return keys;
    }

    /** Every scope, by the name rubygems.org gives it. */
    public List<Scope> getScopes() {
        return List.of(Scope.values());
    }

    /** The gems a key may be limited to: the account's own. */
    public List<String> getGems() {
        return user.isSignedIn() ? gemLists.of(user.getAccountId()).stream().map(Gems.Summary::name).toList() : List.of();
    }

    public boolean isMfaOn() {
        return user.isSignedIn() && proof.needsSecondFactor(user.getAccountId(), MfaPolicy.Action.API_KEY_CREATE);
    }

    public String when(Instant at) {
        return Pages.when(at);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Map<String, Boolean> getChosen() { return chosen; }
    public String getGem() { return gem; }
    public void setGem(String gem) { this.gem = gem; }
    public String getExpiration() { return expiration; }
    public void setExpiration(String expiration) { this.expiration = expiration; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
    public String getNewKey() { return newKey; }
}
