package io.gemhost.gems;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few facts of a {@code Gem::Specification} the host acts on. The constructor validates them, so a
 * {@code GemSpec} in hand always yields a safe file name: no slash, no dot-dot, no space, bounded length.
 *
 * @param name     the gem's name, e.g. {@code hola}
 * @param version  the version as RubyGems writes it, e.g. {@code 0.1.0} or {@code 1.0.0.pre.rc1}
 * @param platform {@code ruby} for a pure-Ruby gem, otherwise e.g. {@code x86_64-linux}; null reads as {@code ruby}
 * @param metadata the spec's {@code metadata} hash; null reads as empty
 */
public record GemSpec(String name, String version, String platform, Map<String, String> metadata) {

    /** The platform of a gem that runs anywhere; it does not appear in the file name. */
    public static final String RUBY = "ruby";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9a-zA-Z]+){0,9}");
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9._-]{1,60}");
    // RubyGems' own limits on metadata (Gem::SpecificationPolicy#validate_metadata)
    private static final int MAX_METADATA_KEY = 128;
    private static final int MAX_METADATA_VALUE = 1024;

    /** Whether {@code name} is a valid gem name (the API guard checks the name segment of a path with it). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public GemSpec {
        if (name == null || name.isEmpty()) {
            throw new InvalidGemException("name missing");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidGemException("invalid name");
        }
        if (version == null || version.isEmpty()) {
            throw new InvalidGemException("version missing");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidGemException("invalid version");
        }
        if (platform == null || platform.isEmpty()) {
            platform = RUBY;
        }
        if (!PLATFORM.matcher(platform).matches()) {
            throw new InvalidGemException("invalid platform");
        }
        if (metadata == null) {
            metadata = Map.of();
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new InvalidGemException("metadata must map strings to strings");
            }
            if (entry.getKey().length() > MAX_METADATA_KEY) {
                throw new InvalidGemException("metadata key too long");
            }
            if (entry.getValue().length() > MAX_METADATA_VALUE) {
                throw new InvalidGemException("metadata value too long");
            }
        }
        metadata = Map.copyOf(metadata);
    }

    /** {@code NAME-VERSION}, or {@code NAME-VERSION-PLATFORM} for a platform gem: RubyGems' full name. */
    public String fullName() {
        return RUBY.equals(platform) ? name + "-" + version : name + "-" + version + "-" + platform;
    }

    /** The name the file is stored and served under, e.g. {@code hola-0.1.0.gem}. */
    public String fileName() {
        return fullName() + ".gem";
    }

    /** True when the author asked that every push and owner change of this gem need a second factor. */
    public boolean mfaRequired() {
        return "true".equals(metadata.get("rubygems_mfa_required"));
    }
}
