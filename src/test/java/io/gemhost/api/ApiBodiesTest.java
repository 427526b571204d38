package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.GemhostException;
import io.gemhost.gems.Gems;
import io.gemhost.gems.InvalidGemException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the API's bodies say: its lists and owners (Texts), and its answer to each failure (ApiErrors). */
class ApiBodiesTest {

    /** The API bodies byte for byte, as the gem client (and rubygems.org's clients) read them today. */
    @Nested
    class Lists {

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

    /**
     * ApiErrors: what the API answers for each kind of failure. The JAX-RS Response needs a runtime;
     * Jersey's common module (test scope) provides it outside a container.
     */
    @Nested
    class Failures {

        private final ApiErrors errors = new ApiErrors();

        private void answers(int status, String body, Throwable thrown) {
            Response r = errors.toResponse(thrown);
            assertEquals(status, r.getStatus(), thrown.toString());
            assertEquals(body, r.getEntity(), thrown.toString());
            assertEquals("text/plain;charset=UTF-8", r.getMediaType().toString().replace(" ", ""), thrown.toString());
        }

        @Test
        void aRefusalIsItsStatusAndSentenceAlsoInsideAnEjbException() {
            answers(403, "You do not have permission to push to this gem.", new GemhostException("gem.notOwner.push"));
            answers(409, "Repushing of gem versions is not allowed.", new EJBException(new GemhostException("gem.versionExists")));
            answers(404, "This rubygem could not be found.", new GemhostException("gem.notFound"));
            answers(413, "Gem is larger than 1000 MB.", new GemhostException("gem.tooLarge", 1000));
            answers(422, "Please choose at least one scope for the API key.", new GemhostException("apiKey.noScope"));
            answers(403, "This API key cannot perform the specified action on this gem.", new GemhostException("apiKey.otherGem"));
            answers(422, "Expires at must be in the future", new GemhostException("apiKey.expiresAt.past", "Expires at"));
            answers(422, "Rubygem must be a gem that you are an owner of", new GemhostException("apiKey.gem.notOwner"));
        }

        @Test
        void aBodyNoReaderCouldReadIsTheClientsMistake() {
            answers(400, "Bad request.", new jakarta.ws.rs.ProcessingException("Error deserializing object from entity stream.",
                    new RuntimeException("JSON where a form was expected")));
        }

        @Test
        void everyRefusalTheApiMapsHasItsSentence() {
            for (String key : ApiErrors.STATUS.keySet()) {
                Response r = errors.toResponse(new GemhostException(key, 1));
                assertEquals(ApiErrors.STATUS.get(key), r.getStatus(), key);
                assertEquals(false, ((String) r.getEntity()).isBlank(), key);
            }
        }

        @Test
        void aBrokenGemIs422WithItsReason() {
            answers(422, "Invalid gem: no metadata.gz", new InvalidGemException("no metadata.gz"));
            answers(422, "Invalid gem: truncated", new EJBException(new InvalidGemException("truncated")));
        }

        @Test
        void aJaxRsFailureIsASentenceForItsStatus() {
            answers(404, "Not found.", new WebApplicationException(404));
            answers(405, "Method not allowed.", new WebApplicationException(405));
            answers(406, "Not acceptable.", new WebApplicationException(406));
            answers(415, "Unsupported content type.", new WebApplicationException(415));
            answers(400, "Bad request.", new WebApplicationException(400));
            answers(413, "Bad request.", new WebApplicationException("io.gemhost.api.Secret detail", 413));
            answers(503, "Internal server error.", new WebApplicationException(503));
        }

        @Test
        void anythingElseIsABare500WithoutItsMessageOrClass() {
            answers(500, "Internal server error.", new IllegalStateException("io.gemhost.gems.Gems failed at Gems.java:42"));
            answers(500, "Internal server error.", new EJBException(new NullPointerException("secret")));
            answers(500, "Internal server error.", new EJBException("no cause"));
            answers(500, "Internal server error.", new OutOfMemoryError("heap"));
        }
    }
}
