package io.gemhost.gems;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an uploaded {@code .gem} into its {@link GemSpec}. A {@code .gem} is a plain tar holding
 * {@code metadata.gz} (the gzipped {@code Gem::Specification} YAML), {@code data.tar.gz} and usually
 * {@code checksums.yaml.gz}; this reads the whole archive once, so a truncated upload is refused even when its
 * metadata came first, and it keeps only the metadata in memory.
 *
 * <p>Every input is hostile until proven otherwise: the tar is checked header by header, the metadata is
 * decompressed to at most {@value #MAX_METADATA_BYTES} bytes (a gzip bomb stops there) and its YAML is loaded by
 * {@link SpecYaml}, which instantiates nothing a tag asks for. Whatever the bytes, the only exception that leaves
 * {@code parse} is {@link InvalidGemException}, whose message is the reason shown to the uploader. The archive's
 * data and checksums are not verified here; storing the file is the caller's business.
 */
public final class GemFile {

    /** The most the YAML of {@code metadata.gz} may decompress to. */
    static final int MAX_METADATA_BYTES = 1 << 20;

    private GemFile() {
    }

    /** The spec of a gem held in memory; its length is the only size limit, so the caller checks it first. */
    public static GemSpec parse(byte[] gem) {
        return parse(new ByteArrayInputStream(gem == null ? new byte[0] : gem), Long.MAX_VALUE);
    }

    /**
     * The spec of the gem read from {@code in}, which this reads up to the tar's end marker (the stream is neither
     * closed nor read further). More than {@code maxBytes} bytes, or any entry declaring more, is refused without
     * reading on.
     */
    public static GemSpec parse(InputStream in, long maxBytes) {
        try {
            return read(in, maxBytes);
        } catch (InvalidGemException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidGemException("could not read the gem");
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidGemException("unreadable gem");
        }
    }

    private static GemSpec read(InputStream in, long maxBytes) throws IOException {
        TarArchive tar = new TarArchive(in, maxBytes);
        byte[] metadata = null;
        boolean data = false;
        for (Optional<TarArchive.Entry> next = tar.next(); next.isPresent(); next = tar.next()) {
            TarArchive.Entry entry = next.get();
            if (!entry.isFile()) {
                continue;
            }
            if (entry.name().equals("metadata.gz")) {
                if (metadata != null) {
                    throw new InvalidGemException("metadata.gz appears twice");
                }
                if (entry.size() > MAX_METADATA_BYTES) {
                    throw new InvalidGemException("metadata too large");
                }
                metadata = tar.readData();
            } else if (entry.name().equals("data.tar.gz")) {
                if (data) {
                    throw new InvalidGemException("data.tar.gz appears twice");
                }
                data = true;
            }
        }
        if (metadata == null) {
            throw new InvalidGemException("metadata.gz missing");
        }
        if (!data) {
            throw new InvalidGemException("data.tar.gz missing");
        }
        return spec(SpecYaml.load(gunzip(metadata)));
    }

    /** The YAML text of {@code metadata.gz}: at most {@link #MAX_METADATA_BYTES} bytes of strict UTF-8. */
    private static String gunzip(byte[] compressed) {
        ByteArrayOutputStream yaml = new ByteArrayOutputStream();
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] buffer = new byte[8192];
            for (int n = gzip.read(buffer); n >= 0; n = gzip.read(buffer)) {
                yaml.write(buffer, 0, n);
                if (yaml.size() > MAX_METADATA_BYTES) {
                    throw new InvalidGemException("metadata too large");
                }
            }
        } catch (ZipException e) {
            throw new InvalidGemException("metadata.gz is not gzip");
        } catch (EOFException e) {
            throw new InvalidGemException("metadata.gz is truncated");
        } catch (IOException e) {
            throw new InvalidGemException("metadata.gz is corrupt");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(yaml.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidGemException("metadata is not UTF-8");
        }
    }

    /** The attributes the host needs, read the way RubyGems writes them; {@link GemSpec} validates them. */
    private static GemSpec spec(Map<String, Object> yaml) {
        String name = text(yaml.get("name"), "invalid name");
        String version = version(yaml.get("version"));
        String platform = platform(yaml.get("platform"));
        return new GemSpec(name, version, platform, metadata(yaml.get("metadata")));
    }

    /** {@code !ruby/object:Gem::Version} is a mapping with a {@code version} key; a bare string is accepted too. */
    private static String version(Object value) {
        if (value instanceof Map<?, ?> map) {
            return text(map.get("version"), "invalid version");
        }
        return text(value, "invalid version");
    }

    /**
     * A string such as {@code ruby} or {@code x86_64-linux}; old specs hold a {@code Gem::Platform} mapping, whose
     * name RubyGems forms as {@code cpu-os-version} without the missing parts.
     */
    private static String platform(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder platform = new StringBuilder();
            for (String part : new String[] {"cpu", "os", "version"}) {
                String text = text(map.get(part), "invalid platform");
                if (text != null) {
                    platform.append(platform.length() == 0 ? "" : "-").append(text);
                }
            }
            return platform.toString();
        }
        return text(value, "invalid platform");
    }

    private static Map<String, String> metadata(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidGemException("metadata must map strings to strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new InvalidGemException("metadata must map strings to strings");
            }
            metadata.put((String) entry.getKey(), text);
        }
        return metadata;
    }

    /** A string attribute, or null when absent; any other kind of value is refused with {@code reason}. */
    private static String text(Object value, String reason) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidGemException(reason);
    }
}
