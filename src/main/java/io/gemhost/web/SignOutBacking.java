package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The Sign out button of every page: a POST that ends the session. */
@Named("signOut")
@RequestScoped
public class SignOutBacking {

    @Inject
    CurrentUser user;

    @EJB
    Sessions sessions;

    public void submit() {
        sessions.end(user.getSessionKey());
        user.end();
        Pages.redirect("/");
    }
}
