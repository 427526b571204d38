package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.CurrentUser;
import io.gemhost.admin.Operators;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * /admin: the operator page (PageGuard shows it to operators only; Operators checks again).
 * Request scoped, as every page is stateless: the account's forms carry the query (q) along, and
 * an action looks the account up again (docs/ARCHITECTURE.md, "Stateless nodes").
 */
@Named("admin")
@RequestScoped
public class AdminBacking {

    @EJB
    Operators operators;
    @Inject
    CurrentUser user;

    private String query;
    private Operators.View found;
    private Operators.PolicyStanding policy;
    private String reason;
    private String gem;
    private String owner;

    private boolean looked;

    /** On GET ?q=: looks the account up. */
    public void load() {
        policy = operators.policyStanding(user.getAccountId());
        lookUp();
    }

    /**
     * The account of the query, looked up once per request. On a postback no view action runs and
     * the buttons' "rendered" is judged before the view parameter reaches this bean, so the query
     * comes from the request (the account's forms carry it as q).
     */
    private void lookUp() {
        if (looked) {
            return;
        }
        looked = true;
        if (query == null) {
            query = Pages.request().getParameter("q");
        }
        found = query == null || query.isBlank() ? null : operators.find(user.getAccountId(), query.strip()).orElse(null);
    }

    public void unlock() {
        act(() -> operators.unlock(user.getAccountId(), found.id(), Pages.client()), "page.admin.unlocked");
    }

    public void resetMfa() {
        act(() -> operators.resetMfa(user.getAccountId(), found.id(), reason, Pages.client()), "page.admin.mfaReset");
    }

    public void assignOwner() {
        try {
            operators.assignOwner(user.getAccountId(), gem, owner, Pages.client());
            Pages.info("page.admin.assigned", owner, gem);
            Pages.redirect("/admin");
        } catch (GemhostException e) {
            if (e.messageKey().startsWith("gem.")) {
                Pages.error("assign:gem", "error.admin.assign", Pages.text(e.messageKey(), e.args()));
            } else {
                Pages.error(null, e.messageKey(), e.args());
            }
        }
    }

    private void act(Runnable action, String done) {
        lookUp();
        if (found == null) {
            Pages.error(null, "error.admin.notFound");
            return;
        }
        try {
            action.run();
            Pages.info(done);
            Pages.redirect("/admin?q=" + URLEncoder.encode(found.email(), StandardCharsets.UTF_8));
        } catch (GemhostException e) {
            Pages.error(null, e.messageKey());
        }
    }

    /** The MFA policy line: the setting and how many accounts do not meet it. */
    public String getPolicyLine() {
        if (policy == null) { // a postback that shows the page again: no view action ran
            policy = operators.policyStanding(user.getAccountId());
        }
        return Pages.text("page.admin.policy", policy.policy(), policy.below());
    }

    public boolean isSearched() {
        lookUp();
        return query != null && !query.isBlank();
    }
    public Operators.View getFound() {
        lookUp();
        return found;
    }
    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getGem() { return gem; }
    public void setGem(String gem) { this.gem = gem; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
}
