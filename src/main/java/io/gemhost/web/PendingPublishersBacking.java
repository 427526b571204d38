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
import java.util.List;
import java.util.Optional;

/**
 * profile/pending_trusted_publishers.xhtml: publishers for gems not pushed yet (12 hours each):
 * the first push through one creates the gem, owned by this account. Adding or deleting takes the
 * current second factor when MFA is on.
 */
@Named("pendingPublishers")
@RequestScoped
public class PendingPublishersBacking {

    @EJB
    Publishers publishers;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;

    private String gemName;
    private final PublisherForm form = new PublisherForm();
    private String otpCode;
    private String deleteOtpCode;
    private List<Publishers.PendingView> list;

    @PostConstruct
    void init() {
        form.readType(Pages.request().getParameter("type"));
    }

    public List<Publishers.PendingView> getPending() {
        if (list == null) {
            list = publishers.pending(user.getAccountId());
        }
        return list;
    }

    public boolean isSecondFactorNeeded() {
        return proof.needsSecondFactor(user.getAccountId(), Action.TRUSTED_PUBLISHER_FORM);
    }

    public void create() {
        Optional<PublisherSpec> parsed = form.spec("create");
        if (parsed.isEmpty() || !PublisherForm.proved(proof, user.getAccountId(), otpCode, "create:otp")) {
            return;
        }
        PublisherSpec spec = parsed.get();
        try {
            Publishers.PendingView made = publishers.createPending(user.getAccountId(), gemName, spec, Pages.client());
            Pages.info("page.pending.added", made.gemName(), spec.label());
            Pages.redirect("/profile/pending_trusted_publishers");
        } catch (GemhostException e) {
            Pages.error(e.messageKey().equals("publisher.gemName") || e.messageKey().equals("publisher.nameTaken") ? "create:gemName" : null,
                    e.messageKey(), e.args());
        }
    }

    public void delete(long id) {
        if (!PublisherForm.proved(proof, user.getAccountId(), deleteOtpCode, "pending:otp")) {
            return;
        }
        try {
            publishers.deletePending(user.getAccountId(), id, Pages.client());
            Pages.info("page.publishers.deleted");
            Pages.redirect("/profile/pending_trusted_publishers");
        } catch (GemhostException e) {
            Pages.error(null, e.messageKey(), e.args());
        }
    }

    public String when(java.time.Instant at) {
        return Pages.when(at);
    }

    public PublisherForm getForm() { return form; }
    public String getGemName() { return gemName; }
    public void setGemName(String gemName) { this.gemName = gemName; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
    public String getDeleteOtpCode() { return deleteOtpCode; }
    public void setDeleteOtpCode(String deleteOtpCode) { this.deleteOtpCode = deleteOtpCode; }
}
