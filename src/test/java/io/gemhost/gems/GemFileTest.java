package io.gemhost.gems;

import static io.gemhost.gems.TestGems.*;

import io.gemhost.gems.TestGems.Tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds {@code .gem} files the way {@code gem build} lays them out (a ustar holding metadata.gz, data.tar.gz and
 * checksums.yaml.gz) and checks that good ones are read and every bad one ends in {@link InvalidGemException}.
 */
class GemFileTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    // --- valid gems ---------------------------------------------------------------------------------------------

    @Test
    void readsTheGemThatGemBuildWrites() {
        GemSpec spec = GemFile.parse(gem(spec("hola", "0.1.0", "ruby", MFA_METADATA)));

        assertEquals("hola", spec.name());
        assertEquals("0.1.0", spec.version());
        assertEquals("ruby", spec.platform());
        assertEquals(Map.of("rubygems_mfa_required", "true"), spec.metadata());
        assertEquals("hola-0.1.0.gem", spec.fileName());
        assertTrue(spec.mfaRequired());
    }

    @Test
    void readsFromAStreamWithinTheLimit() {
        byte[] gem = gem(spec("hola", "0.1.0", "ruby", MFA_METADATA));

        GemSpec spec = GemFile.parse(new ByteArrayInputStream(gem), gem.length);

        assertEquals("hola-0.1.0.gem", spec.fileName());
    }

    @Test
    void platformGemNamesItsPlatform() {
        GemSpec spec = GemFile.parse(gem(spec("hola", "0.1.0", "x86_64-linux", "metadata: {}\n")));

        assertEquals("x86_64-linux", spec.platform());
        assertEquals("hola-0.1.0-x86_64-linux.gem", spec.fileName());
        assertFalse(spec.mfaRequired());
    }

    @Test
    void oldGemPlatformObjectIsJoinedLikeRubygems() {
        String yaml = spec("hola", "0.1.0", "ruby", "")
                .replace("platform: 'ruby'\n", "platform: !ruby/object:Gem::Platform\n  cpu: x86\n  os: mswin32\n"
                        + "  version: '60'\n");

        assertEquals("hola-0.1.0-x86-mswin32-60.gem", GemFile.parse(gem(yaml)).fileName());
    }

    @Test
    void mfaIsRequiredOnlyByTheStringTrue() {
        assertFalse(GemFile.parse(gem(spec("hola", "0.1.0", "ruby", ""))).mfaRequired());
        assertFalse(GemFile.parse(gem(spec("hola", "0.1.0", "ruby",
                "metadata:\n  rubygems_mfa_required: 'false'\n"))).mfaRequired());
    }

    @Test
    void dependenciesSharingARequirementThroughAnAliasAreRead() {
        String yaml = spec("hola", "0.1.0", "ruby", MFA_METADATA).replace("dependencies: []\n", """
                dependencies:
                - !ruby/object:Gem::Dependency
                  name: rake
                  requirement: &1 !ruby/object:Gem::Requirement
                    requirements:
                    - - "~>"
                      - !ruby/object:Gem::Version
                        version: '13.0'
                  type: :development
                  prerelease: false
                  version_requirements: *1
                """);

        assertEquals("hola", GemFile.parse(gem(yaml)).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.0.0.pre.rc1", "2024.1.2.3", "0.1.0.beta"})
    void acceptsRubygemsVersions(String version) {
        assertEquals(version, GemFile.parse(gem(spec("hola", version, "ruby", ""))).version());
    }

    @Test
    void gnuLongNamesAreHonoured() {
        byte[] gem = new Tar()
                .entry("././@LongLink", 'L', "metadata.gz\0".getBytes(StandardCharsets.US_ASCII))
                .file("ignored-short-name", gzip(spec("hola", "0.1.0", "ruby", "")))
                .entry("././@LongLink", 'L', ("lib/" + "x".repeat(200) + ".rb").getBytes(StandardCharsets.US_ASCII))
                .file("short", new byte[10])
                .file("data.tar.gz", gzip("data"))
                .bytes();

        assertEquals("hola", GemFile.parse(gem).name());
    }

    // --- not a tar, or a broken one -----------------------------------------------------------------------------

    @Test
    void emptyInputIsRefused() {
        assertInvalid("empty file", new byte[0]);
        assertInvalid("empty file", (byte[]) null);
    }

    @Test
    void randomBytesAreRefused() {
        Random random = new Random(42);
        for (int size : new int[] {1, 100, 511, 512, 513, 4096, 100_000}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            assertThrows(InvalidGemException.class, () -> GemFile.parse(bytes), "size " + size);
        }
        assertInvalid("not a tar archive", "This is not a gem at all.\n".repeat(40).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void truncatedGemIsRefused() {
        Tar tar = validTar();
        byte[] gem = tar.bytes();

        assertInvalid("truncated tar archive", Arrays.copyOf(gem, 700)); // inside metadata.gz
        assertInvalid("truncated tar archive", Arrays.copyOf(gem, tar.offsetOf("data.tar.gz") + 600));
        assertInvalid("truncated tar archive", Arrays.copyOf(gem, tar.offsetOf("data.tar.gz") + 100)); // in header
        assertInvalid("data.tar.gz missing", Arrays.copyOf(gem, tar.offsetOf("data.tar.gz")));
    }

    @Test
    void everyPrefixOfAGemIsEitherAGemOrRefused() {
        byte[] gem = validTar().bytes();
        for (int length = 0; length < gem.length; length++) {
            assertParsesOrRefuses(Arrays.copyOf(gem, length));
        }
    }

    @Test
    void corruptedGemsNeverThrowAnythingElse() {
        byte[] gem = validTar().bytes();
        Random random = new Random(7);
        for (int round = 0; round < 3000; round++) {
            byte[] corrupted = gem.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
            }
            assertParsesOrRefuses(corrupted);
        }
    }

    @Test
    void corruptedYamlNeverThrowsAnythingElse() {
        char[] yaml = spec("hola", "0.1.0", "ruby", MFA_METADATA).toCharArray();
        char[] alphabet = "!&*[]{}:-?|>'\"#%@`,\n \t\u0000\u00e9\u2028!!ruby/object:Gem::Installer".toCharArray();
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            char[] corrupted = yaml.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupted[random.nextInt(corrupted.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            assertParsesOrRefuses(gem(new String(corrupted)));
        }
    }

    @Test
    void badHeaderChecksumIsNotATar() {
        byte[] gem = validTar().bytes();
        gem[0] ^= 1;

        assertInvalid("not a tar archive", gem);
    }

    @ParameterizedTest
    @CsvSource({
        "'77777777777 ', truncated tar archive", // about 8 GiB declared, a few bytes sent
        "'-0000000001 ', invalid tar entry size",
        "'0000000008x ', invalid tar entry size",
        "'           ' , invalid tar entry size",
    })
    void hostileSizeFieldsAreRefused(String sizeField, String reason) {
        byte[] gem = new Tar().rawSize("data.tar.gz", sizeField.getBytes(StandardCharsets.US_ASCII)).bytes();

        assertInvalid(reason, gem);
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeReadingOn() {
        byte[] gem = new Tar().rawSize("data.tar.gz", "77777777777 ".getBytes(StandardCharsets.US_ASCII)).bytes();

        assertInvalid("gem larger than the limit", () -> GemFile.parse(new ByteArrayInputStream(gem), 100L << 20));
    }

    @Test
    void hugeMetadataMemberIsRefusedBeforeReadingIt() {
        byte[] gem = new Tar().rawSize("metadata.gz", "00010000000 ".getBytes(StandardCharsets.US_ASCII)).bytes();

        assertInvalid("metadata too large", gem);
    }

    @Test
    void base256SizeIsRefused() {
        byte[] size = new byte[12];
        size[0] = (byte) 0x80;
        size[11] = 1;

        assertInvalid("invalid tar entry size", new Tar().rawSize("metadata.gz", size).bytes());
    }

    @Test
    void gemLargerThanTheLimitIsRefused() {
        byte[] gem = validTar().bytes();

        assertInvalid("gem larger than the limit", () -> GemFile.parse(new ByteArrayInputStream(gem), 1024));
    }

    @Test
    void streamErrorsBecomeInvalidGem() {
        assertInvalid("could not read the gem", () -> GemFile.parse(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }, 1000));
    }

    // --- the archive's members ----------------------------------------------------------------------------------

    @Test
    void tarWithoutMetadataIsRefused() {
        byte[] gem = new Tar().file("data.tar.gz", gzip("data")).file("checksums.yaml.gz", gzip("{}")).bytes();

        assertInvalid("metadata.gz missing", gem);
    }

    @Test
    void metadataUnderADirectoryIsNotTheMetadata() {
        byte[] gem = new Tar().file("sub", "metadata.gz", gzip(spec("hola", "0.1.0", "ruby", "")))
                .file("data.tar.gz", gzip("data")).bytes();

        assertInvalid("metadata.gz missing", gem);
    }

    @Test
    void tarWithoutDataIsRefused() {
        assertInvalid("data.tar.gz missing", new Tar().file("metadata.gz", gzip(spec("hola", "0.1.0", "ruby", ""))).bytes());
    }

    @Test
    void twoMetadataMembersAreRefused() {
        byte[] metadata = gzip(spec("hola", "0.1.0", "ruby", ""));
        byte[] gem = new Tar().file("metadata.gz", metadata).file("metadata.gz", metadata)
                .file("data.tar.gz", gzip("data")).bytes();

        assertInvalid("metadata.gz appears twice", gem);
    }

    @Test
    void metadataThatIsNotGzipIsRefused() {
        byte[] gem = new Tar().file("metadata.gz", spec("hola", "0.1.0", "ruby", "").getBytes(StandardCharsets.UTF_8))
                .file("data.tar.gz", gzip("data")).bytes();

        assertInvalid("metadata.gz is not gzip", gem);
    }

    @Test
    void truncatedGzipIsRefused() {
        byte[] metadata = gzip(spec("hola", "0.1.0", "ruby", ""));
        byte[] gem = new Tar().file("metadata.gz", Arrays.copyOf(metadata, metadata.length / 2))
                .file("data.tar.gz", gzip("data")).bytes();

        assertInvalid("metadata.gz is truncated", gem);
    }

    @Test
    void gzipBombIsRefusedQuickly() {
        byte[] bomb = gzipZeros(50 << 20);
        byte[] gem = new Tar().file("metadata.gz", bomb).file("data.tar.gz", gzip("data")).bytes();

        assertTimeoutPreemptively(QUICKLY, () -> assertInvalid("metadata too large", gem));
    }

    @Test
    void metadataThatIsNotUtf8IsRefused() {
        byte[] yaml = (spec("hola", "0.1.0", "ruby", "") + "summary: \u00e9\n").getBytes(StandardCharsets.ISO_8859_1);

        assertInvalid("metadata is not UTF-8", gemWithMetadata(gzip(yaml)));
    }

    // --- hostile YAML -------------------------------------------------------------------------------------------

    @Test
    void installerAtTheRootIsRefused() {
        String yaml = """
                --- !ruby/object:Gem::Installer
                i: x
                """;

        assertInvalid("YAML tag !ruby/object:Gem::Installer is not allowed", gem(yaml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x: !ruby/object:Gem::Installer {i: x}                        | !ruby/object:Gem::Installer",
        "x: !ruby/hash-with-ivars:Thor::CoreExt::HashWithIndifferentAccess {elements: {}, ivars: {}} | !ruby/hash-with-ivars:Thor::CoreExt::HashWithIndifferentAccess",
        "x: !ruby/hash-with-ivars {ivars: {'@a': b}}                  | !ruby/hash-with-ivars",
        "x: !ruby/hash:ActionController::Routing::RouteSet::NamedRouteCollection {a: b} | !ruby/hash:ActionController::Routing::RouteSet::NamedRouteCollection",
        "x: !!python/object/apply:os.system [id]                     | !!python/object/apply:os.system",
        "x: !ruby/struct:Foo {a: b}                                   | !ruby/struct:Foo",
        "x: !ruby/object:Gem::Version::Requirement {a: b}            | !ruby/object:Gem::Version::Requirement",
        "x: !ruby/sym foo                                             | !ruby/sym",
        "x: !binary aGVsbG8=                                          | !binary",
        "x: !!set {a: null}                                           | !!set",
        "x: !ruby/object:Gem::Version '1.0'                           | !ruby/object:Gem::Version",
        "x: !!map [a]                                                 | !!map",
    })
    void foreignTagsAreRefused(String line, String tag) {
        String yaml = spec("hola", "0.1.0", "ruby", "") + line + "\n";

        assertInvalid("YAML tag " + tag + " is not allowed", gem(yaml));
    }

    @Test
    void foreignTagInsideMetadataIsRefused() {
        String yaml = spec("hola", "0.1.0", "ruby",
                "metadata: !ruby/hash-with-ivars\n  ivars:\n    '@x': y\n");

        assertInvalid("YAML tag !ruby/hash-with-ivars is not allowed", gem(yaml));
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder(spec("hola", "0.1.0", "ruby", ""));
        yaml.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        byte[] gem = gem(yaml.toString());

        assertTimeoutPreemptively(QUICKLY, () -> assertInvalid("too many YAML aliases", gem));
    }

    @Test
    void aliasesWithinTheLimitAreBuiltOnceAndShared() {
        // 10 levels of 2 aliases each: 2^10 copies of a 100,000-item list if expanded; built once and shared, the
        // work is linear in the input, which is what keeps such a file from costing exponential time
        StringBuilder yaml = new StringBuilder(spec("hola", "0.1.0", "ruby", ""));
        yaml.append("a: &a [").append("lol,".repeat(100_000)).append("lol]\n");
        for (char level = 'b'; level <= 'k'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [*").append(previous)
                    .append(", *").append(previous).append("]\n");
        }

        Map<String, Object> loaded = SpecYaml.load(yaml.toString());
        for (char level = 'b'; level <= 'k'; level++) {
            List<?> both = (List<?>) loaded.get(String.valueOf(level));
            Object previous = loaded.get(String.valueOf((char) (level - 1)));
            assertSame(previous, both.get(0), "level " + level + " holds the level below, not a copy");
            assertSame(previous, both.get(1), "level " + level + "'s second alias is the same object");
        }
        assertEquals(100_001, ((List<?>) loaded.get("a")).size());
        assertEquals("hola", GemFile.parse(gem(yaml.toString())).name());
    }

    @Test
    void recursiveYamlIsRefused() {
        assertInvalid("recursive YAML is not allowed", gem(spec("hola", "0.1.0", "ruby", "") + "x: &r [*r]\n"));
    }

    @Test
    void deeplyNestedYamlIsRefused() {
        String base = spec("hola", "0.1.0", "ruby", "");

        assertInvalid("metadata nested too deeply", gem(base + "x: " + "[".repeat(100) + "]".repeat(100) + "\n"));
        assertTimeoutPreemptively(QUICKLY, () -> assertThrows(InvalidGemException.class,
                () -> GemFile.parse(gem(base + "x: " + "[".repeat(300_000) + "]".repeat(300_000) + "\n"))));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertInvalid("duplicate YAML key", gem(spec("hola", "0.1.0", "ruby", "") + "name: evil\n"));
    }

    @Test
    void yamlThatIsNotASpecificationIsRefused() {
        assertInvalid("metadata is not a Gem::Specification", gem("---\nname: hola\n"));
        assertInvalid("metadata is not a Gem::Specification", gem("--- just a string\n"));
        assertInvalid("metadata is empty", gem(""));
        assertInvalid("metadata is not valid YAML", gem(spec("hola", "0.1.0", "ruby", "") + "--- second\n"));
        assertInvalid("metadata is not valid YAML", gem("--- !ruby/object:Gem::Specification\nname: [unclosed\n"));
    }

    @Test
    void environmentReferencesStayLiteral() {
        String yaml = spec("hola", "0.1.0", "ruby", "metadata:\n  home: ${HOME}\n");

        assertEquals("${HOME}", GemFile.parse(gem(yaml)).metadata().get("home"));
    }

    // --- the spec's own rules -----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "'../x',           invalid name",
        "'',               name missing",
        "'a b',            invalid name",
        "'x/y',            invalid name",
        "'-x',             invalid name",
        "'.hidden',        invalid name",
        "'h\u00f6la',       invalid name",
        "'hola:x',         invalid name",
    })
    void invalidNamesAreRefused(String name, String reason) {
        assertInvalid(reason, gem(spec(name, "0.1.0", "ruby", "")));
    }

    @Test
    void overlongNameIsRefused() {
        assertInvalid("invalid name", gem(spec("a".repeat(101), "0.1.0", "ruby", "")));
        assertEquals(100, GemFile.parse(gem(spec("a".repeat(100), "0.1.0", "ruby", ""))).name().length());
    }

    @Test
    void missingOrNonStringNameIsRefused() {
        assertInvalid("name missing", gem(spec("hola", "0.1.0", "ruby", "").replace("name: 'hola'\n", "")));
        assertInvalid("invalid name", gem(spec("hola", "0.1.0", "ruby", "").replace("name: 'hola'", "name: [a]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0; rm -rf /", "../1", "1..0", "v1", "1.0-", "1.2.3.4.5.6.7.8.9.10.11"})
    void invalidVersionsAreRefused(String version) {
        assertInvalid("invalid version", gem(spec("hola", version, "ruby", "")));
    }

    @Test
    void missingVersionIsRefused() {
        String yaml = spec("hola", "0.1.0", "ruby", "")
                .replace("version: !ruby/object:Gem::Version\n  version: '0.1.0'\n", "");

        assertInvalid("version missing", gem(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64 linux", "../../etc", "a/b"})
    void invalidPlatformsAreRefused(String platform) {
        assertInvalid("invalid platform", gem(spec("hola", "0.1.0", platform, "")));
    }

    @Test
    void metadataMustMapStringsToStrings() {
        assertInvalid("metadata must map strings to strings",
                gem(spec("hola", "0.1.0", "ruby", "metadata:\n  rubygems_mfa_required: true\n")));
        assertInvalid("metadata must map strings to strings",
                gem(spec("hola", "0.1.0", "ruby", "metadata:\n- a\n")));
        assertInvalid("metadata value too long",
                gem(spec("hola", "0.1.0", "ruby", "metadata:\n  homepage_uri: '" + "x".repeat(1025) + "'\n")));
    }

    private static void assertInvalid(String reason, byte[] gem) {
        assertInvalid(reason, () -> GemFile.parse(gem));
    }

    private static void assertInvalid(String reason, org.junit.jupiter.api.function.Executable parse) {
        InvalidGemException refused = assertThrows(InvalidGemException.class, parse);
        assertEquals(reason, refused.reason());
    }

    private static void assertParsesOrRefuses(byte[] gem) {
        try {
            GemFile.parse(gem);
        } catch (InvalidGemException expected) {
            // a refusal is fine
        } catch (Throwable other) {
            fail("parse threw " + other + " for input of " + gem.length + " bytes", other);
        }
    }

}
