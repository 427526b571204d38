package io.gemhost.web;

import io.gemhost.language.Languages;
import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.AccountRules;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.EmailAddress;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** sign_up.xhtml: validates at the boundary, then Accounts.register; signs the new user in. */
@Named("signUp")
@RequestScoped
public class SignUpBacking {

    @Inject
    SignedIn signedIn;
    @EJB
    EmailAddress emailAddress;
    @EJB
    Accounts accounts;
    @Inject
    CurrentUser user;

    private String email;
    private String handle;
    private String password;

    public void submit() {
        boolean ok = check("form:email", AccountRules.email(email).orElse(null))
                & check("form:handle", AccountRules.handle(handle).orElse(null))
                & check("form:password", AccountRules.password(password).orElse(null));
        if (!ok) {
            return;
        }
        Account account;
        try {
            // the page's language becomes the account's (its mails follow it), unless it is the default
            String language = Languages.tag(Pages.locale());
            account = accounts.register(email, handle, password, language.equals("en") ? null : language, Pages.client());
        } catch (GemhostException refused) {
            String key = refused.messageKey();
            Pages.error(key.startsWith("error.handle") ? "form:handle" : key.startsWith("error.password") ? "form:password" : "form:email", key);
            return;
        }
        emailAddress.sendConfirmation(account.getId());
        signedIn.start(account.getId(), account.getHandle(), null);
        Pages.redirect("/profile/edit");
    }

    private static boolean check(String clientId, String errorKey) {
        if (errorKey != null) {
            Pages.error(clientId, errorKey);
        }
        return errorKey == null;
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getHandle() { return handle; }
    public void setHandle(String handle) { this.handle = handle; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
