package io.gemhost.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CanonicalRequestsTest {

    @Test
    void theApplicationsOwnPathsAreCanonical() {
        for (String path : new String[] {"", "/", "/profile/edit", "/profile/edit.xhtml", "/profile/edit;jsessionid=1", "/sign_in/otp",
                "/api/v1/gems", "/api/v1/gems.json", "/api/v1/gems/my-gem_2.0/owners", "/api/v1/gems/yank", "/api/v1/api_key",
                "/jakarta.faces.resource/gemhost.css.xhtml", "/webauthn_verification/AbC-_09", "/.well-known", "/x/...", "/a%20b",
                "/api/v1/webauthn_verification/tok/status.json"}) {
            assertTrue(CanonicalRequests.isCanonical(path), path);
        }
    }

    @Test
    void dotSegmentsEscapesDoubledSlashesAndEarlyParametersAreNot() {
        for (String path : new String[] {"/api/../admin", "/api/%2e%2e/profile/edit", "/api/%2E%2E/admin", "/api/.%2e/admin",
                "/api/./../profile/edit.xhtml", "/api/v1/..%2f../profile/edit", "/api/v1/..%2F../admin", "/api/..;x=1/admin",
                "/api;x=1/../admin", "/api/..%5cadmin", "/api\\..\\admin", "/admin%00", "/admin%00.xhtml", "/api/%252e%252e/admin",
                "/api/%c0%ae%c0%ae/admin", "/profile/./edit", "/profile/edit/.", "/profile/edit/..", "/.", "/..", "//profile/edit",
                "/profile//edit", "/profile%2Fedit", "/profile/edit%3Bx=1", "/profile/%65dit", "/profile/edit%7e", "/profile;a=b/edit",
                "/a%2", "/a%zz", "/a%", "profile/edit", "/profile/edit ", "/a\tb", "/é"}) {
            assertFalse(CanonicalRequests.isCanonical(path), path);
        }
    }
}
