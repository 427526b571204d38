package io.gemhost.web;

import io.gemhost.account.Accounts;
import io.gemhost.mfa.PasskeySignIn;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** sign_in.xhtml, Sign in with a passkey: both factors in one step, no password (PasskeySignIn). */
@Named("passkey")
@RequestScoped
public class PasskeyBacking {

    @EJB
    PasskeySignIn passkeys;
    @EJB
    Accounts accounts;
    @Inject
    SignedIn signedIn;

    private String options;
    private String response;

    public void submit() {
        PasskeySignIn.Result result = passkeys.signIn(response, Pages.client());
        switch (result.outcome()) {
            case SIGNED_IN -> {
                signedIn.start(result.accountId(), accounts.get(result.accountId()).getHandle(), "with a passkey");
                Pages.redirect("/profile/edit");
            }
            case PAUSED -> Pages.error(null, "error.otp.paused", Pages.minutes(result.retryAfter()));
            case REFUSED -> Pages.error(null, "error.passkey.refused");
        }
    }

    public String getOptions() {
        if (options == null) {
            options = passkeys.requestOptions();
        }
        return options;
    }

    public String getResponse() { return response; }
    public void setResponse(String response) { this.response = response; }
}
