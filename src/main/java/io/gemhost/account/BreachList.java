package io.gemhost.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The list of common breached passwords shipped in the WAR (docs/breached-passwords/BuildList.java
 * says where it comes from): the first 5 bytes of each password's SHA-1, sorted, 5 bytes each.
 * A lookup is a binary search; a password not on the list matches an entry by chance with a
 * probability of about size / 2^40 (1 in 2.6 million for the shipped 426,886 entries).
 */
public final class BreachList {

    static final int BYTES = 5;
    static final String RESOURCE = "breached-passwords.bin";

    private static volatile BreachList shipped;

    private final long[] prefixes;

    private BreachList(long[] prefixes) {
        this.prefixes = prefixes;
    }

    /** The list in the WAR, read once (about 3.4 MB of memory). */
    public static BreachList shipped() {
        BreachList list = shipped;
        if (list == null) {
            try (InputStream in = BreachList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the WAR");
                }
                shipped = list = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    /** A list in the shipped form; one whose length is no multiple of 5 or whose entries are out of order is refused. */
    public static BreachList read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length % BYTES != 0) {
            throw new IOException("a breach list is a sequence of " + BYTES + "-byte entries");
        }
        long[] prefixes = new long[bytes.length / BYTES];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = prefix(bytes, i * BYTES);
            if (i > 0 && prefixes[i] <= prefixes[i - 1]) {
                throw new IOException("a breach list is sorted without duplicates");
            }
        }
        return new BreachList(prefixes);
    }

    public int size() {
        return prefixes.length;
    }

    /** Whether the password with this SHA-1 is on the list. */
    public boolean contains(byte[] sha1) {
        return java.util.Arrays.binarySearch(prefixes, prefix(sha1, 0)) >= 0;
    }

    private static long prefix(byte[] bytes, int offset) {
        long prefix = 0;
        for (int i = 0; i < BYTES; i++) {
            prefix = prefix << 8 | (bytes[offset + i] & 0xff);
        }
        return prefix;
    }
}
