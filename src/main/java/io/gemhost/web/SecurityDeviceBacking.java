package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.SecurityKeyKind;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The "Use security device" button's options on every form that asks for a current second
 * factor (WEB-INF/templates/securityDevice.xhtml): a fresh challenge for the account the form is
 * about, or null when it has no key. One challenge per request, however often a page asks.
 */
@Named("securityDevice")
@RequestScoped
public class SecurityDeviceBacking {

    @Inject
    SecurityKeyKind keys;
    @Inject
    CurrentUser user;

    private Long forAccount;
    private String options;

    public String optionsFor(Long accountId) {
        if (accountId == null) {
            return null;
        }
        if (!accountId.equals(forAccount)) {
            forAccount = accountId;
            options = keys.requestOptions(accountId).orElse(null);
        }
        return options;
    }

    /** For the signed-in account's forms. */
    public String getSignedIn() {
        return user.isSignedIn() ? optionsFor(user.getAccountId()) : null;
    }

    /** For the second step of sign-in. */
    public String getPending() {
        return user.isAwaitingSecondFactor() ? optionsFor(user.getPendingAccountId()) : null;
    }
}
