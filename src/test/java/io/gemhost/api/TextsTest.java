package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.gems.Gems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API bodies byte for byte, as the gem client (and rubygems.org's clients) read them today. */
class TextsTest {

    private static final String LONG_EMAIL = "o'brien+gems/" + "x".repeat(50) + "@" + "sub-domain.".repeat(15) + "example.org";

    @Test
    void ownersAsYaml() {
        assertEquals("--- []\n", Texts.ownersYaml(List.of()));
        assertEquals("---\n"
                + "- email: \"ana@example.org\"\n  handle: \"ana_1\"\n  id: 1\n"
                + "- email: \"" + LONG_EMAIL + "\"\n  handle: \"b-2\"\n  id: 1234567890123\n",
                Texts.ownersYaml(List.of(new Gems.Owner("ana@example.org", "ana_1", 1),
                        new Gems.Owner(LONG_EMAIL, "b-2", 1234567890123L))));
    }

    @Test
    void ownersAsJson() {
        assertEquals("[]", Texts.ownersJson(List.of()));
        assertEquals("[{\"email\":\"ana@example.org\",\"handle\":\"ana_1\",\"id\":1},"
                + "{\"email\":\"" + LONG_EMAIL + "\",\"handle\":\"b-2\",\"id\":1234567890123}]",
                Texts.ownersJson(List.of(new Gems.Owner("ana@example.org", "ana_1", 1),
                        new Gems.Owner(LONG_EMAIL, "b-2", 1234567890123L))));
    }

    @Test
    void gemsAsYaml() {
        assertEquals("--- []\n", Texts.gemsYaml(List.of()));
        assertEquals("---\n"
                + "- name: \"hola\"\n  versions:\n  - \"0.1.0\"\n  - \"1.0.0.pre1\"\n"
                + "- name: \"no_versions\"\n  versions: []\n"
                + "- name: \"x.y-z\"\n  versions:\n  - \"2\"\n",
                Texts.gemsYaml(List.of(new Gems.Summary("hola", List.of("0.1.0", "1.0.0.pre1")),
                        new Gems.Summary("no_versions", List.of()), new Gems.Summary("x.y-z", List.of("2")))));
    }

    @Test
    void gemsAsJson() {
        assertEquals("[]", Texts.gemsJson(List.of()));
        assertEquals("[{\"name\":\"hola\",\"versions\":[\"0.1.0\",\"1.0.0.pre1\"]},"
                + "{\"name\":\"no_versions\",\"versions\":[]},{\"name\":\"x.y-z\",\"versions\":[\"2\"]}]",
                Texts.gemsJson(List.of(new Gems.Summary("hola", List.of("0.1.0", "1.0.0.pre1")),
                        new Gems.Summary("no_versions", List.of()), new Gems.Summary("x.y-z", List.of("2")))));
    }

    @Test
    void quotesAndBackslashesAreEscapedInBoth() {
        List<Gems.Owner> odd = List.of(new Gems.Owner("a\"b\\c@example.org", "h", 7));
        assertEquals("[{\"email\":\"a\\\"b\\\\c@example.org\",\"handle\":\"h\",\"id\":7}]", Texts.ownersJson(odd));
        assertEquals("---\n- email: \"a\\\"b\\\\c@example.org\"\n  handle: \"h\"\n  id: 7\n", Texts.ownersYaml(odd));
    }
}
