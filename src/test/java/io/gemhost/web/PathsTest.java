package io.gemhost.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request paths go through: any request's raw URI, the page a path names, and where a redirect may go. */
class PathsTest {

    /** CanonicalRequests: the raw request URI, before anything routes it. */
    @Nested
    class CanonicalUris {

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

    /** PageGuard: the page table, and which page a path names. */
    @Nested
    class PageNames {

        @Test
        void everyPageHasExactlyOneRowAndEveryRowAPage() throws IOException {
            Path webapp = Path.of("src/main/webapp");
            Set<String> pages;
            try (Stream<Path> files = Files.walk(webapp)) {
                pages = files.map(p -> "/" + webapp.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> p.endsWith(".xhtml") && !p.startsWith("/WEB-INF/"))
                        .map(p -> p.substring(0, p.length() - ".xhtml".length()))
                        .map(p -> p.equals("/index") ? "/" : p)
                        .collect(Collectors.toSet());
            }
            assertEquals(pages, PageGuard.PAGES.keySet(), "a page without a row in PageGuard.PAGES cannot be reached; add it there");
        }

        @Test
        void otherSpellingsOfAPageNameThatPage() {
            for (String spelling : new String[] {"/profile/edit", "/profile/edit/", "/profile/edit.xhtml", "/profile/edit;x=1",
                    "/profile;a=b/edit", "/profile/edit.xhtml;jsessionid=1", "/profile/edit.xhtml/"}) {
                assertEquals(Optional.of("/profile/edit"), PageGuard.pageOf(spelling), spelling);
            }
            assertEquals(Optional.of("/"), PageGuard.pageOf("/"));
            assertEquals(Optional.of("/"), PageGuard.pageOf("/index.xhtml"));
            assertEquals(Optional.of("/admin"), PageGuard.pageOf("/admin.xhtml"));
        }

        @Test
        void encodedDottedDoubledOrUnknownPathsNameNoPage() {
            for (String spelling : new String[] {"/profile/edit%3Bx=1", "/profile%2Fedit", "/profile/./edit", "/./profile/edit",
                    "/profile/x/../edit", "/profile//edit", "//profile/edit", "/PROFILE/edit", "/profile/Edit", "/profile/edit.XHTML",
                    "/faces/profile/edit", "/faces/profile/edit.xhtml", "/profile\\edit", "/profile/edit/..", "/admin.xhtml.xhtml",
                    "/WEB-INF/templates/layout", "/nothing", "", "profile/edit", "/profile/edit ", "/api/v1/gems"}) {
                assertTrue(PageGuard.pageOf(spelling).isEmpty(), spelling);
            }
        }
    }

    /** SafeRedirect: a redirect stays on this site. */
    @Nested
    class RedirectTargets {

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
}
