package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.totp.KeyVault;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery codes just made, held only until the recovery page has shown them once. They wait in
 * the browser's row sealed with AES-GCM under GEMHOST_SECRET_KEY (KeyVault, as the TOTP keys are),
 * bound to the signed-in account, so the database never holds them readable (docs/SECURITY.md,
 * "Sessions").
 */
@RequestScoped
public class FreshRecoveryCodes {

    @Inject
    CurrentUser user;
    @Inject
    KeyVault vault;

    public void hold(List<String> codes) {
        user.holdSealedCodes(vault.sealFor(purpose(), String.join("\n", codes).getBytes(StandardCharsets.UTF_8)));
    }

    public List<String> take() {
        String sealed = user.takeSealedCodes();
        if (sealed == null || !user.isSignedIn()) {
            return List.of();
        }
        return vault.openFor(purpose(), sealed).map(b -> Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n")))
                .map(List::copyOf).orElse(List.of());
    }

    private String purpose() {
        return "recovery-codes:" + user.getAccountId();
    }
}
