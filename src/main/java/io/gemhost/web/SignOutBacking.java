package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The Sign out button of every page: a POST that ends the session. */
@Named("signOut")
@RequestScoped
public class SignOutBacking {

    @Inject
    CurrentUser user;

    public void submit() {
        user.clear();
        Pages.request().getSession().invalidate();
        Pages.redirect("/");
    }
}
