package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
import io.gemhost.audit.Client;
import io.gemhost.device.KnownDevices;
import io.gemhost.device.RememberCookie;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * How every page signs a browser in and keeps sessions honest: a new session token (CurrentUser.rotate), the session's
 * row and sign-in event (Sessions.start), and CurrentUser; the device becomes known to the account
 * (its address, and a remember-this-device cookie); on request, the end of every other session of
 * the account (a credential change ends them itself: account/CredentialChanges). A sign-in whose
 * second step can be phished ends in {@link #startOrHold}, which holds it when the device is new
 * (docs/SECURITY.md, new devices).
 */
@RequestScoped
public class SignedIn {

    @EJB
    Sessions sessions;
    @Inject
    CurrentUser user;
    @EJB
    KnownDevices devices;
    @Inject
    HeldSignIn held;

    /** Signs this browser in as the account; {@code how} is the sign-in event's detail (null: no event). */
    public void start(long accountId, String handle, String how) {
        user.rotate();
        user.clear();
        held.clear();
        Client client = Pages.client();
        user.signedIn(accountId, handle, sessions.start(accountId, how, client));
        rememberDevice(devices.signedIn(accountId, client));
    }

    /**
     * Ends a sign-in by password, authenticator code or recovery code: signs in when the device is
     * known to the account (or the check is off) and returns true; otherwise holds the sign-in,
     * mails the holder and sends the browser to /sign_in/device, and returns false.
     */
    public boolean startOrHold(long accountId, String handle, String how, String returnTo) {
        Client client = Pages.client();
        if (!devices.enabled() || devices.isKnown(accountId, client, rememberCookies())) {
            start(accountId, handle, how);
            return true;
        }
        user.rotate();
        user.clear();
        held.hold(accountId, handle, how, returnTo);
        devices.hold(accountId, how, client);
        Pages.redirect("/sign_in/device");
        return false;
    }

    /** Sign out everywhere else: every other session of this account ends, on every node. */
    public int endOthers() {
        return sessions.endOthers(user);
    }

    /** The remember-this-device cookies the browser sent. */
    static List<String> rememberCookies() {
        List<String> values = new ArrayList<>();
        jakarta.servlet.http.Cookie[] cookies = Pages.request().getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie c : cookies) {
                if (c.getName().equals(RememberCookie.NAME)) {
                    values.add(c.getValue());
                }
            }
        }
        return values;
    }

    /** 30 days, with the attributes of every cookie of ours (CookiePolicy). */
    private static void rememberDevice(String value) {
        CookiePolicy.add(Pages.request(), (HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse(),
                RememberCookie.NAME, value, (int) RememberCookie.LIFETIME.toSeconds());
    }
}
