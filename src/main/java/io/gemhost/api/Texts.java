package io.gemhost.api;

import io.gemhost.gems.Gems;
import java.util.List;

/**
 * The API's JSON and YAML bodies, written by hand: the values are account and gem names that
 * the validators already restrict, and every string is quoted and escaped anyway.
 */
final class Texts {

    private Texts() {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String ownersJson(List<Gems.Owner> owners) {
        StringBuilder out = new StringBuilder("[");
        for (Gems.Owner o : owners) {
            out.append(out.length() > 1 ? "," : "").append("{\"email\":").append(quote(o.email()))
                    .append(",\"handle\":").append(quote(o.handle())).append(",\"id\":").append(o.id()).append('}');
        }
        return out.append(']').toString();
    }

    static String ownersYaml(List<Gems.Owner> owners) {
        if (owners.isEmpty()) {
            return "--- []\n";
        }
        StringBuilder out = new StringBuilder("---\n");
        for (Gems.Owner o : owners) {
            out.append("- email: ").append(quote(o.email())).append("\n  handle: ").append(quote(o.handle()))
                    .append("\n  id: ").append(o.id()).append('\n');
        }
        return out.toString();
    }

    static String gemsJson(List<Gems.Summary> gems) {
        StringBuilder out = new StringBuilder("[");
        for (Gems.Summary g : gems) {
            out.append(out.length() > 1 ? "," : "").append("{\"name\":").append(quote(g.name())).append(",\"versions\":[");
            for (int i = 0; i < g.versions().size(); i++) {
                out.append(i > 0 ? "," : "").append(quote(g.versions().get(i)));
            }
            out.append("]}");
        }
        return out.append(']').toString();
    }

    static String gemsYaml(List<Gems.Summary> gems) {
        if (gems.isEmpty()) {
            return "--- []\n";
        }
        StringBuilder out = new StringBuilder("---\n");
        for (Gems.Summary g : gems) {
            out.append("- name: ").append(quote(g.name())).append("\n  versions:");
            if (g.versions().isEmpty()) {
                out.append(" []");
            }
            out.append('\n');
            for (String v : g.versions()) {
                out.append("  - ").append(quote(v)).append('\n');
            }
        }
        return out.toString();
    }
}
