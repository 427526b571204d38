package io.gemhost.web;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.EmailAddress;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/** The banner of every page while the signed-in account's email is unconfirmed, with a resend button. */
@Named("confirmBanner")
@RequestScoped
public class ConfirmBannerBacking {

    @Inject
    CurrentUser user;
    @EJB
    Accounts accounts;
    @EJB
    EmailAddress emailAddress;

    private Optional<Account> account;

    private Optional<Account> account() {
        if (account == null) {
            account = user.isSignedIn() ? accounts.find(user.getAccountId()) : Optional.empty();
        }
        return account;
    }

    public boolean isShown() {
        return account().map(a -> !a.isEmailConfirmed()).orElse(false);
    }

    public String getEmail() {
        return account().map(Account::getEmail).orElse("");
    }

    public void resend() {
        if (isShown()) {
            emailAddress.sendConfirmation(user.getAccountId());
            Pages.info("page.confirm.resent", getEmail());
        }
        Pages.redirect("/profile/edit");
    }
}
