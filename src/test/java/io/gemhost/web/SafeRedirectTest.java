package io.gemhost.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/profile/edit", "/totp/new?x=1", "/a/b#frag"})
    void pathsOnThisSiteAreKept(String path) {
        assertEquals(Optional.of(path), SafeRedirect.path(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example/", "http:evil.example", "/\\evil.example", "\\\\evil",
            "evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y", "/tab\there", "/ünï", " /profile/edit", "",
            "/sign_in", "/sign_up"})
    void anythingElseIsRefused(String path) {
        assertEquals(Optional.empty(), SafeRedirect.path(path));
    }

    @Test
    void aSitePathMayNameTheSignInPagesButNoOtherOrigin() {
        assertEquals(Optional.of("/sign_in"), SafeRedirect.sitePath("/sign_in"));
        assertEquals(Optional.empty(), SafeRedirect.sitePath("//evil.example/sign_in"));
    }

    @Test
    void nullAndOverlongAreRefused() {
        assertEquals(Optional.empty(), SafeRedirect.path(null));
        assertEquals(Optional.empty(), SafeRedirect.path("/" + "a".repeat(3000)));
    }
}
