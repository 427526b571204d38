package io.gemhost.language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * English (the default), Spanish, Japanese and German. A language is stored and sent as its
 * two-letter tag ({@code en}, {@code es}, {@code ja}, {@code de}): in the {@code gemhost_locale}
 * cookie and in the account's {@code language} column.
 */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    /** Supported languages, the default first (faces-config.xml's locale-config lists the same). */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, Locale.forLanguageTag("es"), Locale.JAPANESE, Locale.GERMAN);

    private Languages() {
    }

    /** The supported language of this tag ("de", "DE", "de-AT"), if it is one. */
    public static Optional<Locale> of(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The best supported match of an {@code Accept-Language} header (RFC 4647 lookup); English when none. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            return ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best == null ? ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
    }

    /**
     * The first supported language of a cookie's value, then an account's stored language, then the
     * browser's {@code Accept-Language}.
     */
    public static Locale choose(String cookie, String account, String acceptLanguage) {
        return of(cookie).or(() -> of(account)).orElseGet(() -> fromAcceptLanguage(acceptLanguage));
    }

    /** The tag stored for a language (the cookie's value, the account's column). */
    public static String tag(Locale locale) {
        return of(locale == null ? null : locale.getLanguage()).orElse(ENGLISH).getLanguage();
    }

    /**
     * A bundle's text in this language (English for an unsupported or missing one). English asks
     * for the base bundle itself, so a server whose default locale is another language never
     * answers in that one.
     */
    public static ResourceBundle bundle(String baseName, Locale locale) {
        Locale language = of(locale == null ? null : locale.getLanguage()).orElse(ENGLISH);
        return ResourceBundle.getBundle(baseName, language.equals(ENGLISH) ? Locale.ROOT : language, Languages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
