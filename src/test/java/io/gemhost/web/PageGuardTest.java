package io.gemhost.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PageGuardTest {

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
