package io.gemhost.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person reads in the security log instead of a raw user-agent string and an address as
 * the socket gave it: "Chrome 131" on "Linux", "gem 3.6.9 (RubyGems)", "curl 8.5.0"; IPv6
 * addresses in their short form (RFC 5952: {@code ::1}), IPv4-mapped ones as IPv4. Only a
 * summary for reading: the raw string stays recorded and shown on demand.
 */
public final class ClientNames {

    /** A client and, where its user agent names one, the system it runs on (null when it does not). */
    public record Summary(String client, String system) {
    }

    private record Rule(Pattern pattern, String name) {
    }

    /** Tried in order: the first whose pattern finds a version names the client. */
    private static final List<Rule> CLIENTS = List.of(
            rule("RubyGems/(\\d+(?:\\.\\d+)*)", "gem %s (RubyGems)"),
            rule("bundler/(\\d+(?:\\.\\d+)*)", "Bundler %s"),
            rule("^curl/(\\d+(?:\\.\\d+)*)", "curl %s"),
            rule("^Wget/(\\d+(?:\\.\\d+)*)", "Wget %s"),
            rule("EdgA?/(\\d+)", "Edge %s"),
            rule("OPR/(\\d+)", "Opera %s"),
            rule("SamsungBrowser/(\\d+)", "Samsung Internet %s"),
            rule("HeadlessChrome/(\\d+)", "Headless Chrome %s"),
            rule("(?:Chrome|CriOS)/(\\d+)", "Chrome %s"),
            rule("(?:Firefox|FxiOS)/(\\d+)", "Firefox %s"),
            rule("Version/(\\d+(?:\\.\\d+)?).*Safari/", "Safari %s"),
            rule("^python-requests/(\\d+(?:\\.\\d+)*)", "Python requests %s"),
            rule("^Java-http-client/(\\d+)", "Java HTTP client %s"),
            rule("^Go-http-client/(\\d+(?:\\.\\d+)*)", "Go HTTP client %s"));

    private static final List<Rule> SYSTEMS = List.of(
            rule("(iPhone|iPad|iPod)", "iOS"),
            rule("(Android)", "Android"),
            rule("(CrOS)", "ChromeOS"),
            rule("(Windows)", "Windows"),
            rule("(Mac OS X|Macintosh|darwin)", "macOS"),
            rule("(Linux|linux)", "Linux"),
            rule("(FreeBSD|freebsd)", "FreeBSD"));

    private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]{0,30})/([0-9][0-9A-Za-z.]{0,20})");

    private ClientNames() {
    }

    private static Rule rule(String regex, String name) {
        return new Rule(Pattern.compile(regex), name);
    }

    /** The client and system a user-agent string names; an empty or unknown one gives (null, null) or its first product. */
    public static Summary summary(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Summary(null, null);
        }
        String client = null;
        for (Rule rule : CLIENTS) {
            Matcher m = rule.pattern().matcher(userAgent);
            if (m.find()) {
                client = String.format(Locale.ROOT, rule.name(), m.group(1));
                break;
            }
        }
        if (client == null) {
            Matcher product = PRODUCT.matcher(userAgent);
            client = product.find() ? product.group(1) + " " + product.group(2) : null;
        }
        String system = null;
        for (Rule rule : SYSTEMS) {
            if (rule.pattern().matcher(userAgent).find()) {
                system = rule.name();
                break;
            }
        }
        return new Summary(client, system);
    }

    /**
     * An address as people write it: IPv4 as is, IPv6 in RFC 5952's short form (lower case, no
     * leading zeros, the longest run of two or more zero groups as {@code ::}), an IPv4-mapped
     * IPv6 address as its IPv4 address. Anything else comes back unchanged.
     */
    public static String address(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip;
        }
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        int zone = bare.indexOf('%');
        String scope = zone < 0 ? "" : bare.substring(zone);
        int[] groups = groups(zone < 0 ? bare : bare.substring(0, zone));
        if (groups == null) {
            return ip;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out + scope;
    }

    /** The eight 16-bit groups of an IPv6 literal (with :: and a dotted IPv4 tail allowed), or null if it is none. */
    private static int[] groups(String text) {
        if (!text.matches("[0-9A-Fa-f:.]{2,45}")) {
            return null;
        }
        int[] tail = new int[0];
        String hex = text;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') >= 0) {
            String[] quad = text.substring(lastColon + 1).split("\\.", -1);
            if (quad.length != 4) {
                return null;
            }
            int[] bytes = new int[4];
            for (int i = 0; i < 4; i++) {
                if (!quad[i].matches("\\d{1,3}") || Integer.parseInt(quad[i]) > 255) {
                    return null;
                }
                bytes[i] = Integer.parseInt(quad[i]);
            }
            tail = new int[] {bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3]};
            hex = text.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = hex.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] rest = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        int given = head.length + rest.length;
        if (halves.length == 1 ? given != 8 : given > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            if (!head[i].matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < rest.length; i++) {
            if (!rest[i].matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            groups[8 - rest.length + i] = Integer.parseInt(rest[i], 16);
        }
        if (tail.length == 2) {
            groups[6] = tail[0];
            groups[7] = tail[1];
        }
        return groups;
    }
}
