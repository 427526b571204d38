package io.gemhost.it;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the real {@code gem} command-line client (Debian's {@code ruby}) against a gemhost, so the
 * API is tested by the peer it exists for. {@code gem} asks for email, password, scopes and OTP
 * codes only when its input is a terminal, so each run is wrapped in {@code script}, which gives it
 * a pseudo-terminal; answers are typed one line per prompt, because the password prompt switches
 * echo off with TCSAFLUSH and would discard answers typed ahead. Every instance has its own fresh
 * HOME (holding GEM_HOME and the saved API key), so tests never share credentials and nothing
 * touches the machine's gems.
 */
public final class GemClient {

    /** The scopes {@code gem signin} asks about, in the order it asks (rubygems 3.3.15). */
    public static final List<String> SCOPES = List.of("index_rubygems", "push_rubygem", "yank_rubygem",
            "add_owner", "remove_owner", "access_webhooks", "show_dashboard");

    /** The scopes {@link #signin} answers "y" to. */
    public static final Set<String> GRANTED_SCOPES = Set.of("index_rubygems", "push_rubygem", "yank_rubygem",
            "add_owner", "remove_owner");

    private static final Path GEM = Path.of("/usr/bin/gem");
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Quiet time after a prompt before typing, so the client is really reading the terminal. */
    private static final long SETTLE_MS = 100;
    /** Longer for the password: the client loads io/console and switches echo off first. */
    private static final long PASSWORD_SETTLE_MS = 400;
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i)password:\\s*$");
    private static final AtomicInteger KEY_SEQ = new AtomicInteger();

    /** Exit status and everything the client printed (stdout and stderr merged, CR removed). */
    public record Result(int exitCode, String output) {

        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final String baseUrl;
    private final Path home;
    /** How the client is started: Debian's gem, or RubyGems 3.6 inside JRuby. */
    private final List<String> gem;
    /** Sees the client's output so far while it runs (a test that must act on what it printed). */
    private volatile java.util.function.Consumer<String> watcher = out -> { };

    public GemClient(String baseUrl) {
        this(baseUrl, List.of(GEM.toString()));
        if (!Files.isExecutable(GEM)) {
            throw new IllegalStateException("the real gem client is missing: apt-get install -y ruby");
        }
    }

    /**
     * RubyGems 3.6.9 (JRuby 10.0.2.0 from Maven Central, run on Java 25): the client with the
     * command-line security-key flow.
     */
    public static GemClient rubygems36(String baseUrl) {
        Path java = Path.of(System.getProperty("gemhost.java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        Path jruby = Path.of(System.getProperty("gemhost.jruby", "target/server/jruby-complete.jar")).toAbsolutePath();
        if (!Files.isExecutable(java) || !Files.isReadable(jruby)) {
            throw new IllegalStateException("RubyGems 3.6 needs Java 25 at " + java + " and " + jruby + " (mvn package copies it)");
        }
        return new GemClient(baseUrl, List.of(java.toString(), "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-jar", jruby.toString(), "--dev", "-S", "gem"));
    }

    private GemClient(String baseUrl, List<String> gem) {
        this.gem = gem;
        if (!Files.isExecutable(SCRIPT)) {
            throw new IllegalStateException("the script command is missing: apt-get install -y bsdutils");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.home = Files.createTempDirectory("gemhost-gem-home-");
            Files.createDirectories(home.resolve("gems"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets {@code watcher} see the output of the commands that follow while they run. */
    public void watch(java.util.function.Consumer<String> watcher) {
        this.watcher = watcher;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** This client's HOME; the saved key lives under it. */
    public Path home() {
        return home;
    }

    /**
     * Runs {@code gem ARGS} in a pseudo-terminal. {@code stdin} holds the answers, one per line; each
     * line is typed when the client shows a prompt (output not ending in a newline, then quiet). A
     * prompt after the last line gets end-of-file (stdin is closed then); lines left over when the
     * client exits are dropped. Fails after 120 s.
     */
    public Result run(String stdin, Map<String, String> extraEnv, String... args) {
        List<String> line = new ArrayList<>();
        line.addAll(gem);
        line.addAll(Arrays.asList(args));
        String commandLine = line.stream().map(GemClient::shellQuote).collect(Collectors.joining(" "));
        return exec(List.of(SCRIPT.toString(), "-qec", commandLine, "/dev/null"), home, answers(stdin), extraEnv);
    }

    /** {@code gem signin} with a fresh key name; see {@link #signin(String, String, String, String)}. */
    public Result signin(String email, String password, String otpOrNull) {
        return signin(email, password, otpOrNull, "test-key-" + System.currentTimeMillis() + "-" + KEY_SEQ.incrementAndGet());
    }

    /**
     * {@code gem signin --host BASE}: answers email, password, the key name, y for
     * {@link #GRANTED_SCOPES} and n for the other {@link #SCOPES}, then the OTP code when given (the
     * client asks "Code:" only after a 401 whose body starts "You have enabled multifactor
     * authentication", then resends the same request with the header {@code OTP}).
     */
    public Result signin(String email, String password, String otpOrNull, String keyName) {
        StringBuilder in = new StringBuilder();
        in.append(email).append('\n').append(password).append('\n').append(keyName).append('\n');
        for (String scope : SCOPES) {
            in.append(GRANTED_SCOPES.contains(scope) ? "y" : "n").append('\n');
        }
        if (otpOrNull != null) {
            in.append(otpOrNull).append('\n');
        }
        return run(in.toString(), Map.of(), "signin", "--host", baseUrl);
    }

    /**
     * The API key the client saved for this host: in {@code ~/.gem/credentials} if that exists,
     * else {@code ~/.local/share/gem/credentials} (as the client chooses), under the exact host
     * string or else {@code :rubygems_api_key:}.
     */
    public Optional<String> storedKey() {
        Path legacy = home.resolve(".gem/credentials");
        Path file = Files.exists(legacy) ? legacy : home.resolve(".local/share/gem/credentials");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> entries = new HashMap<>();
        for (String raw : lines) {
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#") || text.equals("---")) {
                continue;
            }
            int colon = text.lastIndexOf(": ");
            if (colon < 0) {
                continue;
            }
            entries.put(unquote(text.substring(0, colon).strip()), unquote(text.substring(colon + 2).strip()));
        }
        String key = entries.get(baseUrl);
        if (key == null) {
            key = entries.get(":rubygems_api_key");
        }
        return Optional.ofNullable(key).filter(k -> !k.isEmpty());
    }

    /**
     * Writes a minimal gemspec (plus {@code lib/NAME.rb}) into a fresh directory and runs
     * {@code gem build} there; returns the {@code .gem}.
     */
    public Path buildGem(String name, String version, Map<String, String> metadata) {
        try {
            Path dir = Files.createTempDirectory(home, "build-");
            Files.createDirectories(dir.resolve("lib"));
            Files.writeString(dir.resolve("lib/" + name + ".rb"), "module GemhostTest\n  VERSION = "
                    + rubyQuote(version) + "\nend\n");
            StringBuilder spec = new StringBuilder();
            spec.append("Gem::Specification.new do |s|\n")
                    .append("  s.name = ").append(rubyQuote(name)).append('\n')
                    .append("  s.version = ").append(rubyQuote(version)).append('\n')
                    .append("  s.summary = ").append(rubyQuote("A test gem for gemhost")).append('\n')
                    .append("  s.authors = [").append(rubyQuote("gemhost tests")).append("]\n")
                    .append("  s.files = [").append(rubyQuote("lib/" + name + ".rb")).append("]\n")
                    .append("  s.license = ").append(rubyQuote("MIT")).append('\n')
                    .append("  s.metadata = {");
            String entries = metadata.entrySet().stream()
                    .map(e -> rubyQuote(e.getKey()) + " => " + rubyQuote(e.getValue()))
                    .collect(Collectors.joining(", "));
            spec.append(entries).append("}\n").append("end\n");
            Path gemspec = dir.resolve(name + ".gemspec");
            Files.writeString(gemspec, spec);
            Result built = exec(List.of(GEM.toString(), "build", gemspec.getFileName().toString()), dir,
                    new ArrayDeque<>(), Map.of());
            Path gem = dir.resolve(name + "-" + version + ".gem");
            if (built.exitCode() != 0 || !Files.isRegularFile(gem)) {
                throw new AssertionError("gem build failed (exit " + built.exitCode() + "):\n" + built.output());
            }
            return gem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code gem push FILE --host BASE [--otp CODE]}, with {@code GEM_HOST_API_KEY} when a key is given. */
    public Result push(Path gem, String otpOrNull, String apiKeyOrNull) {
        List<String> args = new ArrayList<>(List.of("push", gem.toString(), "--host", baseUrl));
        if (otpOrNull != null) {
            args.add("--otp");
            args.add(otpOrNull);
        }
        Map<String, String> env = apiKeyOrNull == null ? Map.of() : Map.of("GEM_HOST_API_KEY", apiKeyOrNull);
        return run(null, env, args.toArray(String[]::new));
    }

    /** {@code gem push FILE --host BASE}, answering its prompts (credentials, OTP code) from {@code stdinAnswers}. */
    public Result pushPrompted(Path gem, String stdinAnswers) {
        return run(stdinAnswers, Map.of(), "push", gem.toString(), "--host", baseUrl);
    }

    /** {@code gem owner GEM --host BASE ARGS...}, e.g. {@code "--add", "x@y", "--otp", "123456"}. */
    public Result owner(String gem, String stdin, String... ownerArgs) {
        List<String> args = new ArrayList<>(List.of("owner", gem, "--host", baseUrl));
        args.addAll(Arrays.asList(ownerArgs));
        return run(stdin, Map.of(), args.toArray(String[]::new));
    }

    /**
     * {@code gem yank GEM -v VERSION --host BASE [--otp CODE]}. Beware: rubygems 3.3.15 prints the
     * reply's body and exits 0 even when the reply is not 2xx; check the output.
     */
    public Result yank(String gem, String version, String otpOrNull) {
        List<String> args = new ArrayList<>(List.of("yank", gem, "-v", version, "--host", baseUrl));
        if (otpOrNull != null) {
            args.add("--otp");
            args.add(otpOrNull);
        }
        return run(null, Map.of(), args.toArray(String[]::new));
    }

    private Map<String, String> environment(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        String tmp = System.getenv("TMPDIR");
        if (tmp != null) {
            env.put("TMPDIR", tmp);
        }
        env.put("SHELL", "/bin/sh");
        env.put("HOME", home.toString());
        env.put("GEM_HOME", home.resolve("gems").toString());
        env.put("GEM_PATH", home.resolve("gems").toString());
        env.put("RUBYGEMS_HOST", baseUrl);
        env.put("LANG", "C.UTF-8");
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Runs a command with a clean environment (no proxies, no XDG dirs, no inherited GEM_HOST_*),
     * typing each answer when a prompt shows.
     */
    private Result exec(List<String> command, Path dir, Deque<String> answers, Map<String, String> extraEnv) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment(extraEnv));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Output output = new Output();
        Thread reader = new Thread(() -> output.drain(process), "gem-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        OutputStream in = process.getOutputStream();
        int mark = 0;
        int seen = 0;
        boolean inputClosed = false;
        try {
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError("gem did not finish within " + TIMEOUT.toSeconds() + " s: "
                            + String.join(" ", command) + "\n" + output.text());
                }
                if (output.length() != seen) {
                    seen = output.length();
                    watcher.accept(output.text().replace("\r", ""));
                }
                if (!inputClosed && output.awaitsInput(mark)) {
                    if (answers.isEmpty()) {
                        // a prompt beyond the answers reads end-of-file; closing any earlier races
                        // script's forwarding of the last answer
                        closeQuietly(in);
                        inputClosed = true;
                    } else {
                        // the mark goes before the answer: its echo and the next prompt may come before write returns
                        mark = output.length();
                        try {
                            in.write((answers.poll() + "\n").getBytes(StandardCharsets.UTF_8));
                            in.flush();
                        } catch (IOException e) {
                            answers.clear(); // the client is gone; its exit status tells the rest
                        }
                    }
                }
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("interrupted while running gem", e);
        } finally {
            closeQuietly(in);
        }
        return new Result(process.exitValue(), output.text().replace("\r", ""));
    }

    /** The client's output so far, and when it last changed. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private long lastChange = System.nanoTime();

        void drain(Process process) {
            char[] buffer = new char[4096];
            try (Reader r = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                int n;
                while ((n = r.read(buffer)) >= 0) {
                    synchronized (this) {
                        text.append(buffer, 0, n);
                        lastChange = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }

        synchronized int length() {
            return text.length();
        }

        synchronized String text() {
            return text.toString();
        }

        /**
         * New output since {@code mark} that ends without a newline and then stays quiet: a prompt.
         * After an answer (mark > 0) the new output must also hold a line end, so the echo of that
         * answer, which a slow client may follow with its next prompt only later, is never taken
         * for a prompt.
         */
        synchronized boolean awaitsInput(int mark) {
            if (text.length() <= mark || (mark > 0 && text.indexOf("\n", mark) < 0 && text.indexOf("\r", mark) < 0)) {
                return false;
            }
            char last = text.charAt(text.length() - 1);
            if (last == '\n' || last == '\r') {
                return false;
            }
            String tail = text.substring(Math.max(mark, text.length() - 40));
            long settle = PASSWORD_PROMPT.matcher(tail).find() ? PASSWORD_SETTLE_MS : SETTLE_MS;
            return System.nanoTime() - lastChange >= TimeUnit.MILLISECONDS.toNanos(settle);
        }
    }

    private static Deque<String> answers(String stdin) {
        Deque<String> lines = new ArrayDeque<>();
        if (stdin == null || stdin.isEmpty()) {
            return lines;
        }
        String body = stdin.endsWith("\n") ? stdin.substring(0, stdin.length() - 1) : stdin;
        lines.addAll(Arrays.asList(body.split("\n", -1)));
        return lines;
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already closed by the process ending
        }
    }

    static String shellQuote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String rubyQuote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            String inner = value.substring(1, value.length() - 1);
            return value.startsWith("'") ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }
}
