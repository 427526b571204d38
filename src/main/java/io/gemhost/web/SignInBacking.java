package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.SignIn;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * sign_in.xhtml: the password step. With MFA on, the session moves to "awaiting second factor"
 * and the browser to /sign_in/otp; the session token changes either way (docs/SECURITY.md, sessions).
 */
@Named("signIn")
@RequestScoped
public class SignInBacking {

    @Inject
    SignedIn signedIn;
    @EJB
    SignIn signIn;
    @Inject
    CurrentUser user;

    private String email;
    private String password;
    private String returnTo;

    public void submit() {
        SignIn.Result result = signIn.password(email, password, Pages.client());
        switch (result.outcome()) {
            case PAUSED -> Pages.passwordPaused(result.retryAfter());
            case INVALID -> Pages.error(null, "error.signin.invalid");
            case OK -> {
                var account = result.account();
                String back = SafeRedirect.path(returnTo).orElse("/profile/edit");
                if (Proof.needsSecondFactor(account.getMfaLevel(), MfaPolicy.Action.UI_SIGN_IN)) {
                    user.rotate();
                    user.awaitSecondFactor(account.getId(), account.getHandle(), back);
                    Pages.redirect("/sign_in/otp");
                } else if (signedIn.startOrHold(account.getId(), account.getHandle(), "password only", back)) {
                    Pages.redirect(back);
                }
            }
        }
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getReturnTo() { return returnTo; }
    public void setReturnTo(String returnTo) { this.returnTo = returnTo; }
}
