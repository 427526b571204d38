package io.gemhost.web;

import io.gemhost.config.Settings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie: HttpOnly and SameSite=Lax (Servlet 6 cookie attributes). It is Secure when
 * the request came over HTTPS (the server's default), and always behind a trusted proxy
 * (GEMHOST_TRUST_PROXY=true), which terminates HTTPS and forwards plain HTTP.
 */
@WebListener
public class CookiePolicy implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        if (Settings.trustProxy()) {
            cookie.setSecure(true);
        }
    }
}
