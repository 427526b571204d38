package io.gemhost.api;

import io.gemhost.gems.Gems;
import io.gemhost.webauthn.WebauthnVerificationTokens;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The API's JSON (JSON-P) and YAML (snakeyaml-engine) bodies, in the shape rubygems.org's
 * clients read: JSON compact, keys in the order below; YAML a block sequence after "---" whose
 * string values are always double-quoted (a version such as 1.10 must stay a string) and
 * never folded, numbers plain, and an empty list "[]". ApiBodiesTest holds the bytes.
 */
final class Texts {

    /** One builder factory: Json.createXBuilder looks the JSON-P provider up anew on every call. */
    private static final jakarta.json.JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    private static final DumpSettings YAML = DumpSettings.builder()
            .setExplicitStart(true)
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSplitLines(false)
            .setWidth(Integer.MAX_VALUE)
            .build();

    private Texts() {
    }

    static String verificationStatusJson(WebauthnVerificationTokens.Status status) {
        return switch (status.state()) {
            case PENDING -> JSON.createObjectBuilder().add("status", "pending")
                    .add("message", "Security device authentication is still pending.").build().toString();
            case SUCCESS -> JSON.createObjectBuilder().add("status", "success").add("code", status.code()).build().toString();
            case EXPIRED -> JSON.createObjectBuilder().add("status", "expired")
                    .add("message", "The token in the link you used has either expired or been used already.").build().toString();
        };
    }

    static String ownersJson(List<Gems.Owner> owners) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Gems.Owner o : owners) {
            array.add(JSON.createObjectBuilder().add("email", o.email()).add("handle", o.handle()).add("id", o.id()));
        }
        return array.build().toString();
    }

    static String ownersYaml(List<Gems.Owner> owners) {
        List<Node> items = new ArrayList<>();
        for (Gems.Owner o : owners) {
            items.add(mapping(key("email"), string(o.email()), key("handle"), string(o.handle()), key("id"), number(o.id())));
        }
        return yaml(sequence(items));
    }

    static String gemsJson(List<Gems.Summary> gems) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Gems.Summary g : gems) {
            JsonArrayBuilder versions = JSON.createArrayBuilder();
            g.versions().forEach(versions::add);
            array.add(JSON.createObjectBuilder().add("name", g.name()).add("versions", versions));
        }
        return array.build().toString();
    }

    static String gemsYaml(List<Gems.Summary> gems) {
        List<Node> items = new ArrayList<>();
        for (Gems.Summary g : gems) {
            items.add(mapping(key("name"), string(g.name()), key("versions"), sequence(g.versions().stream().map(Texts::string).toList())));
        }
        return yaml(sequence(items));
    }

    private static String yaml(Node root) {
        StringBuilder out = new StringBuilder();
        new Dump(YAML).dumpNode(root, new StreamDataWriter() {
            @Override
            public void write(String str) {
                out.append(str);
            }

            @Override
            public void write(String str, int off, int len) {
                out.append(str, off, off + len);
            }
        });
        return out.toString();
    }

    private static Node sequence(List<? extends Node> items) {
        // snakeyaml writes an empty block sequence as "[]", as rubygems.org does
        return new SequenceNode(Tag.SEQ, new ArrayList<>(items), FlowStyle.BLOCK);
    }

    private static Node mapping(Node... keysAndValues) {
        List<NodeTuple> tuples = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tuples.add(new NodeTuple(keysAndValues[i], keysAndValues[i + 1]));
        }
        return new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
    }

    private static Node key(String name) {
        return new ScalarNode(Tag.STR, name, ScalarStyle.PLAIN);
    }

    private static Node string(String value) {
        return new ScalarNode(Tag.STR, value, ScalarStyle.DOUBLE_QUOTED);
    }

    private static Node number(long value) {
        return new ScalarNode(Tag.INT, Long.toString(value), ScalarStyle.PLAIN);
    }
}
