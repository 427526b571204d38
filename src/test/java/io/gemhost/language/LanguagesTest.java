package io.gemhost.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void acceptLanguageFindsTheBestSupportedMatch() {
        assertEquals("de", Languages.fromAcceptLanguage("fr-CH, fr;q=0.9, de;q=0.8, en;q=0.5").getLanguage());
        assertEquals("ja", Languages.fromAcceptLanguage("ja-JP").getLanguage());
        assertEquals("es", Languages.fromAcceptLanguage("es-419,es;q=0.9").getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage("en-GB,de;q=0.5").getLanguage());
        assertEquals("de", Languages.fromAcceptLanguage("en;q=0.1, de").getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage("fr").getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage("*").getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage(null).getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage("x;;;q=2,,").getLanguage());
        assertEquals("en", Languages.fromAcceptLanguage("de;q=7").getLanguage());
    }

    @Test
    void cookieThenAccountThenAcceptLanguage() {
        assertEquals("ja", Languages.choose("ja", "de", "es").getLanguage());
        assertEquals("de", Languages.choose(null, "de", "es").getLanguage());
        assertEquals("de", Languages.choose("klingon", "de", "es").getLanguage());
        assertEquals("es", Languages.choose(null, null, "es").getLanguage());
        assertEquals("en", Languages.choose("", "", "").getLanguage());
    }

    @Test
    void tagsAreTheLanguagesOwn() {
        assertEquals(Optional.of(Locale.GERMAN), Languages.of("DE-at"));
        assertEquals(Optional.empty(), Languages.of("fr"));
        assertEquals("en", Languages.tag(Locale.FRENCH));
        assertEquals("ja", Languages.tag(Locale.JAPAN));
    }

    /** English is the base bundle even where the server's default locale is another supported language. */
    @Test
    void englishNeverFallsBackToTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertEquals("Sign in", Languages.bundle("messages", Locale.ENGLISH).getString("page.signIn.title"));
            assertEquals("Sign in", Languages.bundle("messages", Locale.FRENCH).getString("page.signIn.title"));
            assertEquals("Sign in", java.util.ResourceBundle.getBundle("messages", Locale.ENGLISH).getString("page.signIn.title"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
