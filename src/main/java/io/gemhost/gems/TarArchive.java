package io.gemhost.gems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a POSIX tar stream (the container of a {@code .gem}) one entry at a time. It trusts no header: the checksum
 * must add up, sizes must be plain octal, and every byte read counts against the caller's budget, so a hostile
 * archive costs at most the bytes it really sends. Ustar names are joined with their prefix and GNU long names
 * ({@code L}) are honoured; pax headers are skipped, since only the names RubyGems itself writes matter here.
 */
final class TarArchive {

    /** One member: its full name, its type flag ({@code '0'} or NUL for a regular file) and its data size. */
    record Entry(String name, char type, long size) {
        boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 4096;

    private final InputStream in;
    private final long maxBytes;
    private long bytesRead;
    /** Data of the current entry not yet consumed, and the padding after it. */
    private long unreadData;
    private long padding;

    TarArchive(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next member, or empty at the end of the archive (a zero block, or the stream ending between members). */
    Optional<Entry> next() throws IOException {
        skip(unreadData + padding);
        unreadData = 0;
        padding = 0;
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            int n = read(header, BLOCK);
            if (n == 0 && bytesRead == 0) {
                throw new InvalidGemException("empty file");
            }
            if (n == 0) {
                return Optional.empty();
            }
            if (n < BLOCK) {
                throw new InvalidGemException(bytesRead == n ? "not a tar archive" : "truncated tar archive");
            }
            if (isZero(header)) {
                return Optional.empty();
            }
            checkChecksum(header);
            long size = octal(header, 124, 12, "invalid tar entry size");
            if (size > maxBytes - bytesRead) {
                throw new InvalidGemException("gem larger than the limit");
            }
            char type = (char) (header[156] & 0xff);
            String name = longName != null ? longName : name(header);
            longName = null;
            if (type == 'L') {
                if (size > MAX_LONG_NAME) {
                    throw new InvalidGemException("tar entry name too long");
                }
                longName = cString(readData((int) size), 0, (int) size);
                skip(padding(size));
            } else if (type == 'x' || type == 'g') {
                skip(size + padding(size));
            } else {
                unreadData = size;
                padding = padding(size);
                return Optional.of(new Entry(name, type, size));
            }
        }
    }

    /** The data of the entry last returned by {@link #next()}, all of it; the caller checks its size first. */
    byte[] readData() throws IOException {
        if (unreadData > Integer.MAX_VALUE - 8) {
            throw new InvalidGemException("tar entry too large");
        }
        byte[] data = readData((int) unreadData);
        unreadData = 0;
        return data;
    }

    private byte[] readData(int size) throws IOException {
        byte[] data = new byte[size];
        if (read(data, size) < size) {
            throw new InvalidGemException("truncated tar archive");
        }
        return data;
    }

    private int read(byte[] buffer, int length) throws IOException {
        int n = in.readNBytes(buffer, 0, length);
        bytesRead += n;
        if (bytesRead > maxBytes) {
            throw new InvalidGemException("gem larger than the limit");
        }
        return n;
    }

    private void skip(long length) throws IOException {
        byte[] buffer = new byte[8192];
        while (length > 0) {
            int chunk = (int) Math.min(buffer.length, length);
            int n = read(buffer, chunk);
            if (n < chunk) {
                throw new InvalidGemException("truncated tar archive");
            }
            length -= n;
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum counts its own field as spaces; old tars summed signed bytes, so either sum is accepted. */
    private static void checkChecksum(byte[] header) {
        long expected = octal(header, 148, 8, "not a tar archive");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw new InvalidGemException("not a tar archive");
        }
    }

    /**
     * An octal number field: optional leading spaces, at least one digit 0-7, then only NUL or space. Base-256,
     * signs and anything else are refused with {@code reason}.
     */
    private static long octal(byte[] header, int offset, int length, String reason) {
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end && header[i] >= '0' && header[i] <= '7') {
            value = value * 8 + (header[i] - '0');
            digits++;
            i++;
        }
        for (; i < end; i++) {
            if (header[i] != 0 && header[i] != ' ') {
                throw new InvalidGemException(reason);
            }
        }
        if (digits == 0) {
            throw new InvalidGemException(reason);
        }
        return value;
    }

    private static String name(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = Arrays.equals(header, 257, 262, "ustar".getBytes(StandardCharsets.US_ASCII), 0, 5);
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
