package io.gemhost.web;

import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.config.Settings;
import io.gemhost.language.Languages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The page's language (docs/ARCHITECTURE.md, "Languages"): the {@code gemhost_locale} cookie, else
 * the signed-in account's stored language, else the browser's {@code Accept-Language}, else
 * English. The layout's footer form chooses one: the cookie (HttpOnly, SameSite=Lax, one year)
 * and, signed in, the account remember it, and the browser goes back to the page it was on.
 */
@Named("language")
@RequestScoped
public class LanguageBacking {

    public static final String COOKIE = "gemhost_locale";
    static final Duration REMEMBERED = Duration.ofDays(365);

    @Inject
    CurrentUser user;
    @EJB
    Accounts accounts;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            HttpServletRequest request = Pages.request();
            locale = Languages.choose(cookie(request), accountLanguage(), request.getHeader("Accept-Language"));
        }
        return locale;
    }

    /** The page's language tag, for {@code <html lang>}. */
    public String getTag() {
        return Languages.tag(getLocale());
    }

    /** This page's path and query (without the context path), where the footer form goes back to. */
    public String getHere() {
        HttpServletRequest request = Pages.request();
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded != null ? forwarded.toString() : request.getRequestURI();
        Object forwardedQuery = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        String query = forwarded != null ? (forwardedQuery == null ? null : forwardedQuery.toString()) : request.getQueryString();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return query == null ? path : path + "?" + query;
    }

    /** The footer's button of a language: remember it, then show the same page again in it. */
    public void choose(String tag) {
        Locale chosen = Languages.of(tag).orElse(Languages.ENGLISH);
        String value = Languages.tag(chosen);
        HttpServletRequest request = Pages.request();
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge((int) REMEMBERED.toSeconds());
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        cookie.setSecure(request.isSecure() || Settings.trustProxy());
        ((HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse()).addCookie(cookie);
        if (user.isSignedIn()) {
            accounts.setLanguage(user.getAccountId(), value);
        }
        locale = chosen;
        Pages.redirect(SafeRedirect.sitePath(request.getParameter("back")).orElse("/"));
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private String accountLanguage() {
        return user.isSignedIn() ? accounts.find(user.getAccountId()).map(a -> a.getLanguage()).orElse(null) : null;
    }

    /** Every view's locale is the request's language, as {@link LanguageBacking} chooses it (faces-config.xml). */
    public static class LanguageViewHandler extends ViewHandlerWrapper {

        public LanguageViewHandler(ViewHandler wrapped) {
            super(wrapped);
        }

        @Override
        public Locale calculateLocale(FacesContext context) {
            return CDI.current().select(LanguageBacking.class).get().getLocale();
        }
    }
}
