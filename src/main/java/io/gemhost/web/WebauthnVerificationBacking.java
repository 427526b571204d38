package io.gemhost.web;

import io.gemhost.mfa.WebauthnVerification;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * /webauthn_verification/TOKEN?port=N: the gem client's security-key page. No browser session is
 * needed: the token names the account. After the key, the one-time code goes to the client's
 * listener at http://localhost:N/?code=CODE; without a port the page just says it worked (the
 * client's poller fetches the code). Before the key, the page says who asked (account, address,
 * client, credential, time), so the owner can tell a request they did not start.
 */
@Named("webauthnVerification")
@RequestScoped
public class WebauthnVerificationBacking {

    @EJB
    WebauthnVerification verification;

    private String token;
    private String port;
    private String response;
    private String options;
    private boolean verified;
    private Optional<WebauthnVerification.Asker> asker;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @PostConstruct
    void load() {
        Object fromPath = Pages.request().getAttribute(PageGuard.VERIFICATION_TOKEN);
        token = fromPath != null ? (String) fromPath : Pages.request().getParameter("form:token");
        String asked = Pages.request().getParameter("port");
        port = asked != null ? asked : Pages.request().getParameter("form:port");
    }

    public void authenticate() {
        WebauthnVerification.Result result = verification.verify(token, response, Pages.client());
        switch (result.outcome()) {
            case VERIFIED -> {
                Integer listener = listenerPort();
                if (listener == null) {
                    verified = true;
                    return;
                }
                FacesContext faces = FacesContext.getCurrentInstance();
                ExternalContext ext = faces.getExternalContext();
                try {
                    ext.redirect("http://localhost:" + listener + "/?code=" + result.code());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                faces.responseComplete();
            }
            case EXPIRED -> Pages.error(null, "error.webauthnVerification.expired");
            case PAUSED -> Pages.secondFactorError(null, result.verdict());
            case WRONG -> Pages.error(null, "error.devices.refused");
        }
    }

    /** The client's port: a plain number of a non-privileged port, else none. */
    private Integer listenerPort() {
        if (port == null || !port.matches("[0-9]{4,5}")) {
            return null;
        }
        int n = Integer.parseInt(port);
        return n >= 1024 && n <= 65535 ? n : null;
    }

    /** The key options for the token's account; null when the token is not (or no longer) waiting. */
    public String getOptions() {
        if (options == null && !verified) {
            options = verification.requestOptions(token).orElse(null);
        }
        return options;
    }

    /** Who asked for the token while it waits for its key; null otherwise. */
    public WebauthnVerification.Asker getAsker() {
        if (asker == null) {
            asker = verified ? Optional.empty() : verification.asker(token);
        }
        return asker.orElse(null);
    }

    public String getAskedAt() {
        WebauthnVerification.Asker a = getAsker();
        return a == null ? "" : TIME.format(a.at());
    }

    public boolean isVerified() { return verified; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getPort() { return port; }
    public void setPort(String port) { this.port = port; }
    public String getResponse() { return response; }
    public void setResponse(String response) { this.response = response; }
}
