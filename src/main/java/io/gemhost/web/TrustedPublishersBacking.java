package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.Proof;
import io.gemhost.publishing.PublisherSpec;
import io.gemhost.publishing.Publishers;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * gems/trusted_publishers.xhtml, shown at /gems/NAME/trusted_publishers: the gem's trusted
 * publishers with Delete, and the form that adds one. Its forms post to the page's one URL and
 * carry the gem's name; Publishers checks on every call that the account owns the gem, and
 * adding or deleting takes the current second factor when MFA is on.
 */
@Named("trustedPublishers")
@RequestScoped
public class TrustedPublishersBacking {

    @EJB
    Publishers publishers;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;

    private String gem;
    private final PublisherForm form = new PublisherForm();
    private String otpCode;
    private String deleteOtpCode;
    private List<Publishers.View> list;
    private boolean refused;

    @PostConstruct
    void init() {
        Object fromPath = Pages.request().getAttribute(PageGuard.GEM_NAME);
        gem = fromPath instanceof String name ? name : Pages.request().getParameter("gem");
        form.readType(Pages.request().getParameter("type"));
    }

    public List<Publishers.View> getPublishers() {
        if (list == null && !refused) {
            try {
                list = gem == null ? null : publishers.list(user.getAccountId(), gem);
            } catch (GemhostException e) {
                refused = true;
            }
        }
        return list;
    }

    /** Whether the gem exists and the account owns it (otherwise the page says only that). */
    public boolean isFound() {
        return getPublishers() != null;
    }

    public boolean isSecondFactorNeeded() {
        return proof.needsSecondFactor(user.getAccountId(), Action.TRUSTED_PUBLISHER_FORM);
    }

    public void create() {
        if (!isFound()) {
            return;
        }
        Optional<PublisherSpec> parsed = form.spec("create");
        if (parsed.isEmpty() || !PublisherForm.proved(proof, user.getAccountId(), otpCode, "create:otp")) {
            return;
        }
        PublisherSpec spec = parsed.get();
        try {
            publishers.create(user.getAccountId(), gem, spec, Pages.client());
            Pages.info("page.publishers.created", spec.label());
            Pages.redirect(url());
        } catch (GemhostException e) {
            Pages.error(null, e.messageKey(), e.args());
        }
    }

    public void delete(long id) {
        if (!isFound()) {
            return;
        }
        if (!PublisherForm.proved(proof, user.getAccountId(), deleteOtpCode, "publishers:otp")) {
            return;
        }
        try {
            publishers.delete(user.getAccountId(), gem, id, Pages.client());
            Pages.info("page.publishers.deleted");
            Pages.redirect(url());
        } catch (GemhostException e) {
            Pages.error(null, e.messageKey(), e.args());
        }
    }

    private String url() {
        return "/gems/" + URLEncoder.encode(gem, StandardCharsets.UTF_8) + "/trusted_publishers";
    }

    public String when(java.time.Instant at) {
        return Pages.when(at);
    }

    public String getGem() { return gem; }
    public PublisherForm getForm() { return form; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
    public String getDeleteOtpCode() { return deleteOtpCode; }
    public void setDeleteOtpCode(String deleteOtpCode) { this.deleteOtpCode = deleteOtpCode; }
}
