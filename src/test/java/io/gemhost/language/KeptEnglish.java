package io.gemhost.language;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The texts every language leaves as English writes them (docs/ARCHITECTURE.md, "Languages"):
 * proper names, and the labels, buttons and headings that the gem client, other clients and the
 * black-box tests find by their English text. Any other text that a translation leaves identical
 * to English must be a word that language writes the same way, named here per language.
 */
public final class KeptEnglish {

    public static final Set<String> KEYS = Set.of(
            "app.name", "page.recovery.filename",
            "label.email", "label.handle", "label.password", "label.currentPassword", "label.newPassword", "label.otp",
            "label.level", "label.gem", "label.nickname", "label.expiration",
            "button.signUp", "button.signIn", "button.signOut", "button.verify", "button.changePassword", "button.enable",
            "button.continue", "button.download", "button.update", "button.regenerate", "button.revoke",
            "button.sendResetLink", "button.resetPassword", "button.useSecurityDevice", "button.passkey",
            "button.registerDevice", "button.delete", "button.authenticate", "button.createApiKey",
            "button.createPublisher", "button.createPendingPublisher",
            "page.profile.mfa.title", "page.profile.mfa.register", "page.profile.mfa.replace", "page.profile.mfa.regenerate",
            "page.totp.account", "page.totp.key", "page.profile.keys.title", "page.profile.keys.name", "page.devices.title",
            "label.publisher.type", "label.publisher.repositoryOwner", "label.publisher.repositoryName",
            "label.publisher.workflowFilename", "label.publisher.environment", "label.publisher.namespace",
            "label.publisher.project", "label.publisher.ciConfigPath", "label.publisher.gemName");

    /** Words a language writes as English does (loanwords), by key. */
    public static final Map<String, Set<String>> SAME_WORDS = Map.of(
            "es", Set.of(),
            "ja", Set.of(),
            "de", Set.of("page.webauthnVerification.client", "page.dashboard.gem", "page.publishers.repository",
                    "page.publishers.workflow", "page.device.browser"));

    private KeptEnglish() {
    }

    /** The keys whose text this language leaves identical to English. */
    public static Set<String> in(String language) {
        Set<String> keys = new HashSet<>(KEYS);
        keys.addAll(SAME_WORDS.get(language));
        return keys;
    }
}
