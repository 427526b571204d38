package io.gemhost.gems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Test .gem files built as `gem build` (RubyGems 3.3) writes them: for parser tests and API tests. */
public final class TestGems {

    private TestGems() {
    }

    /** A valid gem with this name, version and platform ("ruby" for none). */
    public static byte[] gem(String name, String version, String platform, boolean mfaRequired) {
        return new Tar()
                .file("metadata.gz", gzip(spec(name, version, platform, mfaRequired ? MFA_METADATA : "metadata: {}\n")))
                .file("data.tar.gz", gzip("x".repeat(3000)))
                .file("checksums.yaml.gz", gzip("---\nSHA256: {}\n"))
                .bytes();
    }

    // --- building test gems -------------------------------------------------------------------------------------

    public static final String MFA_METADATA = "metadata:\n  rubygems_mfa_required: 'true'\n";

    /** The YAML {@code gem build} (RubyGems 3.3) writes, with the given attributes and metadata block. */
    public static String spec(String name, String version, String platform, String metadata) {
        return "--- !ruby/object:Gem::Specification\n"
                + "name: '" + name + "'\n"
                + "version: !ruby/object:Gem::Version\n"
                + "  version: '" + version + "'\n"
                + "platform: '" + platform + "'\n"
                + """
                authors:
                - A
                autorequire:
                bindir: bin
                cert_chain: []
                date: 2024-01-01 00:00:00.000000000 Z
                dependencies: []
                description:
                email:
                executables: []
                extensions: []
                extra_rdoc_files: []
                files:
                - lib/hola.rb
                homepage:
                licenses:
                - MIT
                """
                + metadata
                + """
                post_install_message:
                rdoc_options: []
                require_paths:
                - lib
                required_ruby_version: !ruby/object:Gem::Requirement
                  requirements:
                  - - ">="
                    - !ruby/object:Gem::Version
                      version: '0'
                required_rubygems_version: !ruby/object:Gem::Requirement
                  requirements:
                  - - ">="
                    - !ruby/object:Gem::Version
                      version: '0'
                requirements: []
                rubygems_version: 3.3.15
                signing_key:
                specification_version: 4
                summary: Hola!
                test_files: []
                """;
    }

    public static Tar validTar() {
        return new Tar()
                .file("metadata.gz", gzip(spec("hola", "0.1.0", "ruby", MFA_METADATA)))
                .file("data.tar.gz", gzip("x".repeat(3000)))
                .file("checksums.yaml.gz", gzip("---\nSHA256: {}\n"));
    }

    public static byte[] gem(String yaml) {
        return gemWithMetadata(gzip(yaml));
    }

    public static byte[] gemWithMetadata(byte[] metadataGz) {
        return new Tar()
                .file("metadata.gz", metadataGz)
                .file("data.tar.gz", gzip("data"))
                .file("checksums.yaml.gz", gzip("---\nSHA256: {}\n"))
                .bytes();
    }

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gzipZeros(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (int written = 0; written < length; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a ustar archive the way RubyGems' TarWriter does: 512-byte headers, padded data, two zero blocks. */
    public static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new java.util.HashMap<>();

        public Tar file(String name, byte[] data) {
            return file("", name, data);
        }

        public Tar file(String prefix, String name, byte[] data) {
            return write(prefix, name, '0', octal(data.length, 12), data);
        }

        public Tar entry(String name, char type, byte[] data) {
            return write("", name, type, octal(data.length, 12), data);
        }

        /** A header alone, with {@code sizeField} written verbatim as its 12-byte size. */
        public Tar rawSize(String name, byte[] sizeField) {
            return write("", name, '0', sizeField, new byte[0]);
        }

        public int offsetOf(String name) {
            return offsets.get(name);
        }

        public byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(new byte[1024]);
            return copy.toByteArray();
        }

        private Tar write(String prefix, String name, char type, byte[] size, byte[] data) {
            byte[] header = new byte[512];
            put(header, 0, name.getBytes(StandardCharsets.UTF_8));
            put(header, 100, octal(0644, 8));
            put(header, 108, octal(0, 8));
            put(header, 116, octal(0, 8));
            put(header, 124, size);
            put(header, 136, octal(1_704_067_200L, 12));
            Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = (byte) type;
            put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
            put(header, 265, "wheel".getBytes(StandardCharsets.US_ASCII));
            put(header, 297, "wheel".getBytes(StandardCharsets.US_ASCII));
            put(header, 345, prefix.getBytes(StandardCharsets.UTF_8));
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
            offsets.putIfAbsent(name, out.size());
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        private static byte[] octal(long value, int width) {
            return String.format("%0" + (width - 1) + "o\0", value).getBytes(StandardCharsets.US_ASCII);
        }

        private static void put(byte[] header, int offset, byte[] field) {
            System.arraycopy(field, 0, header, offset, field.length);
        }
    }
}
