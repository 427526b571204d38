package io.gemhost.audit;

/** Where a request came from, as recorded with each security event. */
public record Client(String ip, String userAgent) {

    public static final Client UNKNOWN = new Client("", "");

    public Client {
        ip = clip(ip, 64);
        userAgent = clip(userAgent, 400);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > max ? printable.substring(0, max) : printable;
    }
}
