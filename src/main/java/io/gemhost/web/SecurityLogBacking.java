package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.ClientNames;
import io.gemhost.audit.SecurityEvent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** profile/security_log.xhtml: the signed-in account's own security events, newest first, 25 a page. */
@Named("securityLog")
@RequestScoped
public class SecurityLogBacking {

    static final int PAGE_SIZE = 25;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    AuditLog audit;
    @Inject
    CurrentUser user;

    private int page;
    private List<SecurityEvent> events;

    public List<SecurityEvent> getEvents() {
        if (events == null) {
            events = audit.page(user.getAccountId(), page, PAGE_SIZE + 1);
        }
        return events.size() > PAGE_SIZE ? events.subList(0, PAGE_SIZE) : events;
    }

    public boolean isHasNext() {
        getEvents();
        return events.size() > PAGE_SIZE;
    }

    public String time(Instant at) {
        return TIME.format(at);
    }

    /** The machine-readable time of an event (UTC); the page's script shows it in the reader's zone. */
    public String isoTime(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** An event's address as people write it (docs/SECURITY.md, "What is logged and mailed"). */
    public String address(String ip) {
        return ClientNames.address(ip);
    }

    /** "Chrome 131 on Linux", "gem 3.6.9 (RubyGems)": the client an event's user agent names. */
    public String client(String userAgent) {
        ClientNames.Summary summary = ClientNames.summary(userAgent);
        if (summary.client() == null) {
            return Pages.text("page.log.unknownClient");
        }
        return summary.system() == null ? summary.client() : Pages.text("page.log.clientOn", summary.client(), summary.system());
    }

    public int getPage() { return page; }
    public void setPage(int page) { this.page = Math.max(0, Math.min(page, 100_000)); }
}
