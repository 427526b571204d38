package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.language.KeptEnglish;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gemhost in Spanish, Japanese and German (docs/ARCHITECTURE.md, "Languages"). A page is fully
 * translated when no English text of the bundles that its English rendering shows is left in its
 * translated rendering, except what the translation itself keeps (proper names, and the labels
 * and buttons that clients find by their English text). The API answers in English whatever the
 * request or the account says.
 */
@ExtendWith(Gemhost.class)
class LanguagesIT {

    @ParameterizedTest
    @ValueSource(strings = {"es", "ja", "de"})
    void signInProfileAndSecurityLogAreTranslated(String language) throws Exception {
        Page english = new Browser().get("/sign_in");
        Page translated = new Browser().acceptLanguage(language).get("/sign_in");
        assertTranslated(language, english, translated);

        Browser browser = new Browser();
        Mfa.enroll(browser); // MFA on, at UI only: the profile shows its level, codes and links
        for (String path : List.of("/profile/edit", "/profile/security_log")) {
            english = browser.acceptLanguage(null).get(path);
            translated = browser.acceptLanguage(language).get(path);
            assertEquals(path, translated.path(), translated.text());
            assertTranslated(language, english, translated);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "ja", "de"})
    void aSignUpInALanguageGetsItsMailsInIt(String language) throws Exception {
        Browser browser = new Browser().acceptLanguage(language);
        Users.User user = Users.signUpUnconfirmed(browser);
        Properties mails = bundle("mails", language);
        String mail = awaitMail(user.email(), mails.getProperty("mail.confirmEmail.subject"));
        assertMailTranslated(language, "mail.confirmEmail", mail);
        assertTrue(!mail.contains("Hello "), mail);

        String link = link(browser, mail);
        Page confirmed = browser.submit(browser.get(link), bundle("messages", language).getProperty("button.confirmEmail"), Map.of());
        assertEquals("/", confirmed.path(), confirmed.text());
    }

    @Test
    void acceptLanguagePicksTheBestSupportedLanguage() throws Exception {
        Map<String, String> expected = Map.of(
                "fr-CH, fr;q=0.9, de;q=0.8, en;q=0.5", "de",
                "ja-JP,ja;q=0.9", "ja",
                "es-419, es;q=0.9", "es",
                "de-AT", "de",
                "fr", "en",
                "en-GB,de;q=0.5", "en",
                "x;;;q=2,,", "en");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Page page = new Browser().acceptLanguage(e.getKey()).get("/sign_in");
            assertEquals(200, page.status(), e.getKey());
            assertEquals(e.getValue(), page.doc().selectFirst("html").attr("lang"), e.getKey());
            assertEquals(bundle("messages", e.getValue()).getProperty("page.signIn.title"), page.doc().selectFirst("h1").text(), e.getKey());
        }
        Page none = new Browser().get("/sign_in");
        assertEquals("en", none.doc().selectFirst("html").attr("lang"));
    }

    @Test
    void theFooterSwitchSetsTheCookieAndTheAccountsLanguage() throws Exception {
        Browser anonymous = new Browser().acceptLanguage("es");
        Page german = anonymous.submit(anonymous.get("/sign_in?return=/dashboard"), "Deutsch", Map.of());
        assertEquals("/sign_in", german.path(), german.text());
        assertTrue(german.url().endsWith("/sign_in?return=/dashboard"), german.url());
        assertEquals("de", german.doc().selectFirst("html").attr("lang"));
        assertEquals(bundle("messages", "de").getProperty("page.signIn.title"), german.doc().selectFirst("h1").text());
        assertEquals("de", anonymous.cookie("gemhost_locale").orElseThrow());
        String set = anonymous.setCookieHeaders().stream().filter(h -> h.startsWith("gemhost_locale=")).findFirst().orElseThrow();
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Max-Age=31536000"), set);
        Page buttons = anonymous.get("/sign_in");
        for (String[] b : new String[][] {{"English", "en"}, {"Español", "es"}, {"日本語", "ja"}, {"Deutsch", "de"}}) {
            Element button = buttons.doc().selectFirst("footer input[type=submit][value=" + b[0] + "]");
            assertTrue(button != null && button.attr("lang").equals(b[1]), buttons.body());
        }
        // the cookie outranks Accept-Language
        assertEquals("de", anonymous.acceptLanguage("ja").get("/sign_in").doc().selectFirst("html").attr("lang"));

        // signed in, the account keeps the choice: another browser without a cookie shows it, and mails follow it
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Page japanese = browser.submit(browser.get("/profile/security_log?page=0"), "日本語", Map.of());
        assertEquals("/profile/security_log", japanese.path(), japanese.text());
        assertEquals("ja", japanese.doc().selectFirst("html").attr("lang"));

        Browser other = new Browser();
        Page profile = Users.signIn(other, user.email(), user.password());
        assertEquals("/profile/edit", profile.path(), profile.text());
        assertEquals("ja", profile.doc().selectFirst("html").attr("lang"));
        assertTrue(other.cookie("gemhost_locale").isEmpty());

        Users.signOut(other);
        other.submit(other.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
        String mail = awaitMail(user.email(), bundle("mails", "ja").getProperty("mail.resetPassword.subject"));
        assertMailTranslated("ja", "mail.resetPassword", mail);
    }

    @Test
    void theApiAnswersInEnglishWhateverTheLanguage() throws Exception {
        Browser browser = new Browser();
        Mfa.Enrolled e = Mfa.enroll(browser);
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        browser.submit(browser.get("/profile/edit"), "Deutsch", Map.of()); // the account's language is now German

        String basic = Api.basic(e.user().email(), e.user().password());
        for (String language : List.of("de", "ja", "es")) {
            Map<String, String> wrong = Api.headers(basic, "000000");
            wrong.put("Accept-Language", language);
            HttpResponse<String> refused = Api.form("POST", "/api/v1/api_key", wrong, Api.ALL_SCOPES);
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("Your OTP code is incorrect. Please check it and retry.", refused.body());

            Map<String, String> missing = Api.headers(basic, null);
            missing.put("Accept-Language", language);
            HttpResponse<String> noCode = Api.form("POST", "/api/v1/api_key", missing, Api.ALL_SCOPES);
            assertEquals(401, noCode.statusCode(), noCode.body());
            assertEquals("You have enabled multifactor authentication but no OTP code provided. Please fill it and retry.", noCode.body());

            Map<String, String> anyone = Api.headers(null, null);
            anyone.put("Accept-Language", language);
            HttpResponse<String> notFound = Api.send("GET", "/api/v1/gems/no-such-gem-" + language + "/owners.json", anyone, null);
            assertEquals(404, notFound.statusCode(), notFound.body());
            assertEquals("This rubygem could not be found.", notFound.body());
        }
    }

    // ---- what "translated" means

    /**
     * The English bundle's texts the English page shows; none is left on the translated one but the
     * texts every language keeps in English (io.gemhost.language.KeptEnglish) and the words this
     * language writes as English does.
     */
    static void assertTranslated(String language, Page english, Page translated) throws IOException {
        assertEquals(language, translated.doc().selectFirst("html").attr("lang"), translated.url());
        String englishText = visible(english.doc());
        String translatedText = visible(translated.doc());
        Properties englishBundle = bundle("messages", "en");
        List<String> kept = KeptEnglish.in(language).stream().map(englishBundle::getProperty).toList();
        List<String> shown = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String fragment : fragments(englishBundle.values())) {
            if (appears(fragment, englishText)) {
                shown.add(fragment);
                if (appears(fragment, translatedText) && kept.stream().noneMatch(k -> k.contains(fragment))) {
                    left.add(fragment);
                }
            }
        }
        assertTrue(shown.size() > 5, "the English page shows the bundle's texts: " + shown);
        assertTrue(left.isEmpty(), translated.url() + " in " + language + " still shows " + left + ":\n" + translatedText);
    }

    /** A mail's English texts (but its links' paths) are all gone from its translation. */
    static void assertMailTranslated(String language, String name, String mail) throws IOException {
        Properties english = bundle("mails", "en");
        List<String> left = new ArrayList<>();
        for (String fragment : fragments(List.of(english.get(name + ".subject"), english.get(name + ".body")))) {
            if (!fragment.startsWith("/") && appears(fragment, mail)) {
                left.add(fragment);
            }
        }
        assertTrue(left.isEmpty(), "the " + language + " mail still has " + left + ":\n" + mail);
    }

    /** The text holds this piece as words of their own (not "Client" inside "Cliente"). */
    static boolean appears(String fragment, String text) {
        return Pattern.compile("(?<![A-Za-z\u00C0-\u024F0-9])" + Pattern.quote(fragment) + "(?![A-Za-z\u00C0-\u024F0-9])").matcher(text).find();
    }

    /** A page's words: its body's text, its title, and the words on its buttons. */
    static String visible(Document doc) {
        StringBuilder text = new StringBuilder(doc.title()).append('\n').append(doc.body().text());
        for (Element button : doc.select("input[type=submit], input[type=button]")) {
            text.append('\n').append(button.attr("value"));
        }
        return text.toString();
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*\\}|\\n");

    /** The literal pieces of bundle values (around placeholders and line breaks) that carry words. */
    static Set<String> fragments(java.util.Collection<Object> values) {
        Set<String> fragments = new LinkedHashSet<>();
        for (Object value : values) {
            String v = value.toString();
            if (v.contains(",choice,")) {
                continue;
            }
            for (String piece : PLACEHOLDER.split(v.contains("{") ? v.replace("''", "'") : v)) {
                String p = piece.strip();
                if (p.codePoints().filter(Character::isLetter).count() >= 3) {
                    fragments.add(p);
                }
            }
        }
        return fragments;
    }

    static Properties bundle(String base, String language) throws IOException {
        Properties p = new Properties();
        String name = "/" + base + (language.equals("en") ? "" : "_" + language) + ".properties";
        try (InputStream in = LanguagesIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no bundle " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    // ---- mails in any language: MIME headers and bodies decoded

    static String awaitMail(String email, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<String> seen = new ArrayList<>();
            for (String raw : Outbox.mailsTo(Outbox.dataDir(Gemhost.url()), email)) {
                Outbox.Decoded mail = Outbox.decode(raw);
                seen.add(mail.subject());
                if (mail.subject().equals(subject)) {
                    return mail.subject() + "\n\n" + mail.body();
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no mail '" + subject + "' to " + email + "; subjects: " + seen);
            }
            Thread.sleep(200);
        }
    }

    static String link(Browser browser, String mail) {
        java.util.regex.Matcher link = Pattern.compile(Pattern.quote(browser.base()) + "(/\\S+)").matcher(mail);
        assertTrue(link.find(), mail);
        return link.group(1);
    }
}
