package io.gemhost.web;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.SecurityKeyRegistration;
import io.gemhost.webauthn.SecurityKey;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;

/**
 * profile/security_devices.xhtml: the account's keys with Delete, and Register device with a
 * nickname. With MFA on, pressing either leads to a focused step that asks the current second
 * factor once (docs/SECURITY.md, "Changing a factor needs a factor"); with MFA off nothing is
 * asked and the first key turns MFA on. Request scoped: which step a request is at, the chosen
 * key and the nickname travel in the step's form (the hidden field "step" and two hidden
 * inputs), never in the HTTP session; none of them is a secret, and SecurityKeyRegistration checks
 * them all again.
 */
@Named("securityDevices")
@RequestScoped
public class SecurityDevicesBacking {

    /** The focused steps; null is the list. */
    public static final String REGISTER = "register";
    public static final String DELETE = "delete";

    @EJB
    SecurityKeyRegistration devices;
    @EJB
    Accounts accounts;
    @Inject
    CurrentUser user;
    @Inject
    FreshRecoveryCodes freshCodes;

    private Account account;
    private List<SecurityKey> keys;
    private String creationOptions;
    private String step;
    private String nickname;
    private String keyId;
    private String response;
    private String currentCode;

    /** The step the posted form was at, so that its fields are read (and only its). */
    @PostConstruct
    void load() {
        String posted = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("step");
        step = REGISTER.equals(posted) || DELETE.equals(posted) ? posted : null;
    }

    /** Register device on the list with MFA on: the nickname is checked, then the step that asks the current factor. */
    public void next() {
        Optional<SecurityKeyRegistration.Outcome> refused = devices.refusal(user.getAccountId(), nickname);
        if (refused.isPresent()) {
            nicknameError(refused.get(), "newDevice:nickname");
            return;
        }
        nickname = nickname.strip();
        step = REGISTER;
    }

    /** The new key: from the list with MFA off, or from the register step with the current factor. */
    public void register() {
        SecurityKeyRegistration.Result result = devices.register(user.getAccountId(), nickname, response, currentCode, Pages.client());
        switch (result.outcome()) {
            case ENABLED -> {
                freshCodes.hold(result.codes());
                Pages.redirect("/multifactor_auth/recovery");
            }
            case ADDED -> {
                Pages.info("page.devices.addedNotice", nickname.strip());
                Pages.redirect("/profile/security_devices");
            }
            case CURRENT_REFUSED -> { // MFA may have been turned on since the list was shown: the step that asks
                step = REGISTER;
                Pages.secondFactorError("confirm:current", result.verdict());
            }
            case NICKNAME, TOO_MANY -> {
                step = null;
                nicknameError(result.outcome(), "newDevice:nickname");
            }
            default -> Pages.error(null, "error.devices.refused");
        }
        response = null; // a refused ceremony is not offered again
    }

    /** The focused step's button: the new key, or the chosen key goes. */
    public void confirm() {
        if (DELETE.equals(step)) {
            remove();
        } else {
            register();
        }
    }

    /** Delete on the list: with MFA on, the step that asks the current factor; with MFA off, the key goes. */
    public void choose(long id) {
        if (getKeys().stream().noneMatch(k -> k.getId() == id)) {
            Pages.error(null, "error.devices.unknown");
            return;
        }
        keyId = Long.toString(id);
        if (isMfaOn()) {
            step = DELETE;
        } else {
            remove();
        }
    }

    /** The chosen key goes, given the current factor (none with MFA off); the last factor gone turns MFA off (SecurityKeyRegistration). */
    public void remove() {
        Long id = chosenId();
        if (id == null) {
            step = null;
            Pages.error(null, "error.devices.unknown");
            return;
        }
        SecurityKeyRegistration.Result result = devices.remove(user.getAccountId(), id, currentCode, Pages.client());
        switch (result.outcome()) {
            case REMOVED -> {
                Pages.info("page.devices.removed");
                Pages.redirect("/profile/security_devices");
            }
            case CURRENT_REFUSED -> {
                step = DELETE;
                Pages.secondFactorError("confirm:current", result.verdict());
            }
            default -> {
                step = null;
                Pages.error(null, "error.devices.unknown");
            }
        }
    }

    private void nicknameError(SecurityKeyRegistration.Outcome outcome, String field) {
        if (outcome == SecurityKeyRegistration.Outcome.TOO_MANY) {
            Pages.error(null, "error.devices.tooMany");
        } else {
            Pages.error(field, "error.devices.nickname");
        }
    }

    private Long chosenId() {
        try {
            return keyId == null ? null : Long.valueOf(keyId.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public List<SecurityKey> getKeys() {
        if (keys == null) {
            keys = user.isSignedIn() ? devices.list(user.getAccountId()) : List.of();
        }
        return keys;
    }

    /** The key the delete step is about; null when it names none of the account's keys. */
    public SecurityKey getChosen() {
        Long id = chosenId();
        return id == null ? null : getKeys().stream().filter(k -> id.equals(k.getId())).findFirst().orElse(null);
    }

    /** navigator.credentials.create's options for a new key, with a fresh challenge. */
    public String getCreationOptions() {
        if (creationOptions == null && user.isSignedIn()) {
            creationOptions = devices.creationOptions(account().getId(), account().getEmail(), account().getHandle());
        }
        return creationOptions;
    }

    /** Whether acting asks for a current second factor (MFA is on). */
    public boolean isMfaOn() {
        return user.isSignedIn() && account().getMfaLevel().isOn();
    }

    public String when(java.time.Instant at) {
        return Pages.when(at);
    }

    /** The signed-in account, read once a request. */
    private Account account() {
        if (account == null) {
            account = accounts.get(user.getAccountId());
        }
        return account;
    }

    public String getStep() { return step; }
    public String getNickname() { return nickname; }
    public void setNickname(String nickname) { this.nickname = nickname; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getResponse() { return response; }
    public void setResponse(String response) { this.response = response; }
    public String getCurrentCode() { return currentCode; }
    public void setCurrentCode(String currentCode) { this.currentCode = currentCode; }
}
