package io.gemhost.web;

import io.gemhost.audit.Client;
import io.gemhost.language.Languages;
import io.gemhost.mfa.Proof;
import io.gemhost.mfa.SecondFactor;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;

/** What every backing bean does the same way: messages from the bundle, redirects, the client. */
public final class Pages {

    private Pages() {
    }

    /** A time as every page shows it: minutes, in UTC; "never" (in the page's language) for none. */
    public static String when(java.time.Instant at) {
        return at == null ? text("page.never") : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    /**
     * A text of messages.properties in the page's language (the view's locale, set per request by
     * {@link LanguageBacking.LanguageViewHandler}). Only pages call this: the API answers in English (api/ApiErrors).
     */
    public static String text(String key, Object... args) {
        Locale locale = locale();
        String pattern = Languages.bundle("messages", locale).getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** This request's page language; English outside a Faces request. */
    static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Languages.ENGLISH : faces.getViewRoot().getLocale();
    }

    /** An error shown next to the field with this client id (or at the top when null). */
    public static void error(String clientId, String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, args), null));
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null));
    }

    /** Redirects (303 after a POST) to a path of this application and ends the Faces lifecycle; the messages go along. */
    public static void redirect(String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ext = faces.getExternalContext();
        try {
            KeptMessages.keep(faces); // in the browser's row: the next request may reach another node
            ext.redirect(ext.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** The sign-in form's message for a password throttle that makes the account wait; also for password re-checks. */
    /** Why a password and second factor step (Proof) was refused, next to the right field. */
    public static void proofError(Proof.Result result, String passwordField, String codeField) {
        switch (result.outcome()) {
            case WRONG_PASSWORD -> error(passwordField, "error.password.wrong");
            case PASSWORD_PAUSED -> passwordPaused(result.retryAfter());
            case SECOND_FACTOR -> secondFactorError(codeField, result.verdict());
            case OK -> { }
        }
    }

    public static void passwordPaused(Duration retryAfter) {
        error(null, "error.signin.paused", minutes(retryAfter));
    }

    /** A wait in whole minutes, at least one, as the pause messages say it. */
    static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    /** The message for a second factor that was not accepted, next to the code field. */
    public static void secondFactorError(String clientId, SecondFactor.Verdict verdict) {
        switch (verdict.outcome()) {
            case MISSING -> error(clientId, "error.otp.missing");
            case PAUSED -> error(null, "error.otp.paused", minutes(verdict.retryAfter()));
            case LOCKED -> error(null, "error.otp.locked");
            default -> error(clientId, "error.otp.incorrect");
        }
    }

    public static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    /** The mailed link's token: from the URL on the first visit, from the form's hidden field after. */
    public static String token() {
        String token = request().getParameter("token");
        return token != null ? token : request().getParameter("form:token");
    }

    public static Client client() {
        return Client.of(request());
    }
}
