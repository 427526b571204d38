package io.gemhost.gems;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Loads the {@code Gem::Specification} YAML of a {@code metadata.gz} without trusting it, in the spirit of RubyGems'
 * own {@code Gem::SafeYAML}. snakeyaml-engine only composes the node tree; this class then builds plain maps, lists,
 * strings, numbers and booleans from it and refuses every tag other than the JSON-schema core tags and the five Ruby
 * classes a spec is made of, so no tag can ever choose what gets instantiated.
 *
 * <p>Aliases are allowed (old specs share a requirement between {@code requirement} and
 * {@code version_requirements}) but limited in number, and each aliased node is converted once and shared, so an
 * alias bomb costs linear time; a node that contains itself is refused.
 */
final class SpecYaml {

    static final String SPECIFICATION = "!ruby/object:Gem::Specification";
    static final String VERSION = "!ruby/object:Gem::Version";
    static final String PLATFORM = "!ruby/object:Gem::Platform";

    private static final Set<String> RUBY_OBJECTS = Set.of(SPECIFICATION, VERSION, PLATFORM,
            "!ruby/object:Gem::Requirement", "!ruby/object:Gem::Dependency");
    private static final int MAX_CODE_POINTS = GemFile.MAX_METADATA_BYTES;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final Pattern INT = Pattern.compile("-?(0|[1-9][0-9]*)");

    /** Collections already built, so an aliased node is converted once and shared. */
    private final Map<Node, Object> converted = new IdentityHashMap<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private SpecYaml() {
    }

    /** The spec as a map of its attributes; refuses anything that is not a single tagged specification mapping. */
    static Map<String, Object> load(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel("metadata.gz")
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setUseMarks(false)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidGemException(e.getMessage() != null && e.getMessage().contains("aliases")
                    ? "too many YAML aliases" : "metadata is not valid YAML");
        } catch (StackOverflowError e) {
            throw new InvalidGemException("metadata nested too deeply");
        }
        if (root.isEmpty()) {
            throw new InvalidGemException("metadata is empty");
        }
        Node node = root.get();
        Object spec = new SpecYaml().convert(node, 0); // refuses foreign tags first, the root's included
        if (!(spec instanceof Map) || !SPECIFICATION.equals(node.getTag().getValue())) {
            throw new InvalidGemException("metadata is not a Gem::Specification");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) spec;
        return map;
    }

    private Object convert(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidGemException("metadata nested too deeply");
        }
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (converted.containsKey(node)) {
            return converted.get(node);
        }
        if (!inProgress.add(node)) {
            throw new InvalidGemException("recursive YAML is not allowed");
        }
        Object value;
        if (node instanceof SequenceNode sequence) {
            requireTag(node, Tag.SEQ.getValue().equals(node.getTag().getValue()));
            value = list(sequence, depth);
        } else if (node instanceof MappingNode mapping) {
            String tag = node.getTag().getValue();
            requireTag(node, Tag.MAP.getValue().equals(tag) || RUBY_OBJECTS.contains(tag));
            value = map(mapping, depth);
        } else {
            throw new InvalidGemException("metadata is not valid YAML");
        }
        inProgress.remove(node);
        converted.put(node, value);
        return value;
    }

    private List<Object> list(SequenceNode sequence, int depth) {
        List<Object> list = new ArrayList<>(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
            list.add(convert(item, depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private Map<String, Object> map(MappingNode mapping, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(convert(tuple.getKeyNode(), depth + 1) instanceof String key)) {
                throw new InvalidGemException("YAML keys must be strings");
            }
            if (map.containsKey(key)) {
                throw new InvalidGemException("duplicate YAML key");
            }
            map.put(key, convert(tuple.getValueNode(), depth + 1));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Scalars keep to the JSON schema: string, null, boolean, integer (Long or BigInteger) and Double. */
    private static Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
            return text; // ${VAR} stays literal text: nothing reads the environment
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new InvalidGemException("invalid YAML boolean");
            }
            return Boolean.valueOf(text);
        }
        if (tag.equals(Tag.INT)) {
            if (text.length() > MAX_NUMBER_LENGTH || !INT.matcher(text).matches()) {
                throw new InvalidGemException("invalid YAML number");
            }
            return text.length() < 19 ? (Object) Long.valueOf(text) : new BigInteger(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(text);
        }
        requireTag(node, false);
        return null;
    }

    private static Double floating(String text) {
        switch (text) {
            case ".inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                if (text.length() > MAX_NUMBER_LENGTH) {
                    throw new InvalidGemException("invalid YAML number");
                }
                try {
                    return Double.valueOf(text);
                } catch (NumberFormatException e) {
                    throw new InvalidGemException("invalid YAML number");
                }
        }
    }

    private static void requireTag(Node node, boolean allowed) {
        if (!allowed) {
            throw new InvalidGemException("YAML tag " + shown(node.getTag().getValue()) + " is not allowed");
        }
    }

    /** The tag as its author wrote it ({@code !!x} for core tags), printable ASCII only and bounded in length. */
    private static String shown(String tag) {
        String written = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < written.length() && shown.length() < 100; i++) {
            char c = written.charAt(i);
            shown.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return written.length() > 100 ? shown + "..." : shown.toString();
    }
}
