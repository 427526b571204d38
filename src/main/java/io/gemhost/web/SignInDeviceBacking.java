package io.gemhost.web;

import io.gemhost.device.KnownDevices;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * sign_in/device.xhtml: "Check your email" for a held sign-in (docs/SECURITY.md, new devices),
 * and the mailed link's page, /sign_in/device?token=..., which confirms the address only when it
 * is opened from the address that was held. The held browser is then signed in; any other browser
 * at that address is told to sign in, which now finds its device known.
 */
@Named("signInDevice")
@RequestScoped
public class SignInDeviceBacking {

    @EJB
    KnownDevices devices;
    @Inject
    HeldSignIn held;
    @Inject
    SignedIn signedIn;

    private String token;
    private KnownDevices.Pending pending;

    @PostConstruct
    void load() {
        token = Pages.token();
        if (token != null) {
            pending = (FacesContext.getCurrentInstance().isPostback()
                    ? devices.pending(token, Pages.client()) : devices.open(token, Pages.client())).orElse(null);
        }
    }

    /** Confirm sign-in, on the link's page. */
    public void confirm() {
        KnownDevices.Confirmation confirmation = devices.confirm(token, Pages.client());
        switch (confirmation.outcome()) {
            case INVALID -> Pages.error(null, "error.link.invalid");
            case WRONG_ADDRESS -> Pages.error(null, "page.device.wrongAddress", confirmation.heldIp(), Pages.client().ip());
            case CONFIRMED -> {
                if (held.isHeldFor(confirmation.accountId())) {
                    finish();
                } else {
                    Pages.info("page.device.confirmed");
                    Pages.redirect("/sign_in");
                }
            }
        }
    }

    /** Continue, for the held browser after the link was followed in another browser at its address. */
    public void proceed() {
        if (!held.isHeld()) {
            Pages.redirect("/sign_in");
            return;
        }
        if (devices.isKnown(held.accountId(), Pages.client(), SignedIn.rememberCookies())) {
            finish();
        } else {
            Pages.error(null, "page.device.notYet");
        }
    }

    private void finish() {
        String back = held.returnTo() == null ? "/profile/edit" : held.returnTo();
        signedIn.start(held.accountId(), held.handle(), held.how() + ", new device confirmed by mail");
        Pages.redirect(back);
    }

    public boolean isLink() { return token != null; }
    public boolean isValid() { return pending != null; }
    public boolean isSameAddress() { return pending != null && pending.sameAddress(); }
    public boolean isHeld() { return held.isHeld(); }
    public String getHeldAddress() { return pending == null ? null : pending.ip(); }
    public String getHeldBrowser() { return pending == null ? null : pending.userAgent(); }
    public String getHeldAt() { return pending == null ? null : Pages.when(pending.at()); }
    public String getHere() { return Pages.client().ip(); }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
}
