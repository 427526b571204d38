package io.gemhost.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four languages of each bundle (messages, mails) have exactly the same keys, and each key
 * the same placeholders; each file is valid UTF-8 (else Java reads it as ISO-8859-1) and each
 * text that goes through MessageFormat formats.
 */
class BundlesTest {

    private static final List<String> TRANSLATIONS = List.of("es", "ja", "de");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @ParameterizedTest
    @ValueSource(strings = {"messages", "mails"})
    void everyLanguageHasTheSameKeysAndPlaceholders(String base) throws IOException {
        Properties english = load(base + ".properties");
        assertTrue(english.size() > 10, base);
        for (String language : TRANSLATIONS) {
            Properties translated = load(base + "_" + language + ".properties");
            assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(translated.stringPropertyNames()),
                    base + "_" + language + " has other keys than " + base);
            List<String> wrong = new ArrayList<>();
            for (String key : english.stringPropertyNames()) {
                if (!arguments(english.getProperty(key)).equals(arguments(translated.getProperty(key)))) {
                    wrong.add(key + ": " + translated.getProperty(key));
                }
                if (translated.getProperty(key).isBlank()) {
                    wrong.add(key + " is empty");
                }
            }
            assertTrue(wrong.isEmpty(), base + "_" + language + " placeholders differ: " + wrong);
        }
        assertEquals(0, load(base + "_en.properties").size(), "English is the base bundle; " + base + "_en stays empty");
    }

    /** A translation leaves exactly the kept texts (proper names, labels clients find by their English text) in English. */
    @ParameterizedTest
    @ValueSource(strings = {"es", "ja", "de"})
    void onlyTheKeptTextsStayEnglish(String language) throws IOException {
        Properties english = load("messages.properties");
        Properties translated = load("messages_" + language + ".properties");
        TreeSet<String> identical = new TreeSet<>();
        for (String key : english.stringPropertyNames()) {
            if (english.getProperty(key).equals(translated.getProperty(key))) {
                identical.add(key);
            }
        }
        assertEquals(new TreeSet<>(KeptEnglish.in(language)), identical, "messages_" + language + ": texts left in English");
        Properties mails = load("mails.properties");
        Properties translatedMails = load("mails_" + language + ".properties");
        for (String key : mails.stringPropertyNames()) {
            assertTrue(!mails.getProperty(key).equals(translatedMails.getProperty(key)) || key.equals("mail.notice.subject"),
                    "mails_" + language + " " + key + " is left in English");
        }
    }

    /** Mails and texts with placeholders go through MessageFormat: an apostrophe is doubled there, and each one formats. */
    @ParameterizedTest
    @ValueSource(strings = {"messages", "mails"})
    void formattedTextsFormat(String base) throws IOException {
        for (String language : List.of("", "_es", "_ja", "_de")) {
            Properties texts = load(base + language + ".properties");
            for (String key : texts.stringPropertyNames()) {
                String value = texts.getProperty(key);
                if (base.equals("mails") || value.contains("{")) {
                    assertTrue(!LONE_APOSTROPHE.matcher(value).find(), base + language + " " + key + ": write '' for an apostrophe");
                    String formatted = new MessageFormat(value, Locale.ROOT).format(new Object[] {"A0", 1, "A2", "A3", "A4", "A5"});
                    assertTrue(!formatted.contains("{"), base + language + " " + key + ": " + formatted);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages", "mails"})
    void bundlesReadAsUtf8(String base) throws IOException {
        assertEquals(load(base + "_ja.properties").getProperty(base.equals("mails") ? "mail.confirmEmail.subject" : "page.signIn.title"),
                Languages.bundle(base, Locale.JAPANESE).getString(base.equals("mails") ? "mail.confirmEmail.subject" : "page.signIn.title"));
    }

    private static TreeSet<Integer> arguments(String value) {
        TreeSet<Integer> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(value);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    static Properties load(String name) throws IOException {
        try (InputStream in = BundlesTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new AssertionError("no " + name);
            }
            byte[] bytes = in.readAllBytes();
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new AssertionError(name + " is not valid UTF-8", e);
            }
            Properties p = new Properties();
            p.load(new StringReader(text));
            return p;
        }
    }
}
