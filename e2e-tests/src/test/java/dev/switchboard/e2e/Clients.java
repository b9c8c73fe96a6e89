package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * The real client programs (SDK scripts under {@code src/test/node}, Claude Code, Codex), installed once per run by
 * {@code scripts/clients install} and run as child processes with a bounded time, a clean environment and their
 * output kept under {@code target/clients/} for debugging.
 */
final class Clients {

    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration AGENT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    /** Variables of the developer's own clients that would redirect or re-authenticate ours. */
    private static final List<String> INHERITED_PREFIXES = List.of("ANTHROPIC_", "CLAUDE", "OPENAI_", "CODEX_",
            "AZURE_OPENAI", "NODE_OPTIONS", "NPM_CONFIG_");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static Path installed;
    private static AssertionError installFailure;

    /** The result of one client process. */
    record Run(String name, int exitCode, boolean timedOut, String stdout, String stderr, Path logs) {

        String stderrTail() {
            return tail(stderr, 40);
        }

        /** Where to look and what the client said, for an assertion message. */
        String diagnostics() {
            return name + " (exit " + (timedOut ? "timeout" : exitCode) + ", output in " + logs + ")\n--- stdout tail\n"
                    + tail(stdout, 20) + "\n--- stderr tail\n" + stderrTail();
        }
    }

    private Clients() {
    }

    /** Installs the pinned clients once per JVM; every later call answers the same folder or the same failure. */
    static synchronized Path install() {
        if (installFailure != null) {
            throw installFailure;
        }
        if (installed != null) {
            return installed;
        }
        Suite suite = Suite.get();
        Path dir = suite.root.resolve(".cache/clients");
        try {
            // this run's client output only
            deleteRecursively(suite.root.resolve("e2e-tests/target/clients"));
            Run run = run("scripts-clients-install", List.of("bash", suite.root.resolve("scripts/clients").toString(),
                    "install"), suite.root, Map.of("SB_CLIENTS_DIR", dir.toString()), INSTALL_TIMEOUT);
            if (run.timedOut() || run.exitCode() != 0) {
                throw new AssertionError("scripts/clients install failed: " + run.diagnostics());
            }
        } catch (IOException | InterruptedException e) {
            installFailure = new AssertionError("scripts/clients install could not run", e);
            throw installFailure;
        } catch (AssertionError e) {
            installFailure = e;
            throw e;
        }
        installed = dir;
        return dir;
    }

    static Path bin(String name) {
        return install().resolve("node_modules/.bin").resolve(name);
    }

    /**
     * Runs {@code node src/test/node/<script> <scenario>} and answers its JSON result line; fails with the client's
     * error class/status and stderr tail unless the script reported {@code ok: true}.
     */
    static JsonNode script(String script, String scenario, Map<String, String> env)
            throws IOException, InterruptedException {
        Path scripts = Suite.get().root.resolve("e2e-tests/src/test/node");
        Map<String, String> all = new HashMap<>(env);
        all.put("SB_CLIENTS_DIR", install().toString());
        Run run = run(script.replace(".mjs", "") + "-" + scenario,
                List.of("node", scripts.resolve(script).toString(), scenario), scripts, all, SCRIPT_TIMEOUT);
        JsonNode result = lastJsonLine(run.stdout());
        if (run.timedOut() || result == null || !result.path("ok").asBoolean()) {
            String error = result == null ? "no result line" : result.path("error").toString();
            throw new AssertionError(script + " " + scenario + " failed: " + error + "\n" + run.diagnostics());
        }
        return result;
    }

    /** Runs a command with the clean client environment plus {@code env}, killing it (and its children) on timeout. */
    static Run run(String name, List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path logs = Suite.get().root.resolve("e2e-tests/target/clients");
        Files.createDirectories(logs);
        String base = String.format("%03d-%s", RUNS.incrementAndGet(), name.replaceAll("[^A-Za-z0-9._-]", "_"));
        Path out = logs.resolve(base + ".out");
        Path err = logs.resolve(base + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> INHERITED_PREFIXES.stream().anyMatch(k.toUpperCase()::startsWith));
        // loopback only, whatever proxy the developer's shell configures
        environment.put("NO_PROXY", "127.0.0.1,localhost");
        environment.put("no_proxy", "127.0.0.1,localhost");
        environment.putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // an agent CLI may leave helpers behind (a shell it spawned, a sandbox): none may outlive the test
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return new Run(name, finished ? process.exitValue() : -1, !finished, read(out), read(err), logs);
    }

    static JsonNode lastJsonLine(String stdout) {
        List<String> lines = stdout.lines().map(String::trim).filter(l -> l.startsWith("{")).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                return Json.MAPPER.readTree(lines.get(i));
            } catch (IOException e) {
                // not JSON after all: keep looking
            }
        }
        return null;
    }

    static List<JsonNode> jsonLines(String stdout) {
        List<JsonNode> nodes = new ArrayList<>();
        stdout.lines().map(String::trim).filter(l -> l.startsWith("{")).forEach(l -> {
            try {
                nodes.add(Json.MAPPER.readTree(l));
            } catch (IOException e) {
                // a log line that happens to start with a brace
            }
        });
        return nodes;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
