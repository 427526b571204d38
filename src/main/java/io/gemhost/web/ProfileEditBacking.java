package io.gemhost.web;

import io.gemhost.account.Account;
import io.gemhost.account.AccountRules;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** profile/edit.xhtml: the password change and the Multifactor authentication section. */
@Named("profileEdit")
@RequestScoped
public class ProfileEditBacking {

    @Inject
    Accounts accounts;
    @Inject
    CurrentUser user;

    private Account account;
    private String currentPassword;
    private String newPassword;

    @PostConstruct
    void load() {
        if (user.isSignedIn()) {
            account = accounts.find(user.getAccountId()).orElse(null);
        }
    }

    public void changePassword() {
        if (currentPassword == null || currentPassword.isEmpty()) {
            Pages.error("password:current", "error.password.required");
            return;
        }
        var problem = AccountRules.password(newPassword);
        if (problem.isPresent()) {
            Pages.error("password:new", problem.get());
            return;
        }
        if (currentPassword.length() > AccountRules.PASSWORD_MAX
                || !accounts.changePassword(user.getAccountId(), currentPassword, newPassword, Pages.client())) {
            Pages.error("password:current", "error.password.wrong");
            return;
        }
        Pages.info("page.profile.password.changed");
        Pages.redirect("/profile/edit");
    }

    public Account getAccount() { return account; }
    public boolean isMfaOn() { return account != null && !"disabled".equals(account.getMfaLevel()); }
    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
}
