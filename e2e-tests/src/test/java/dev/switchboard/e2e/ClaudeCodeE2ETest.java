package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * Claude Code ({@code claude -p}) pointed at the gateway's Anthropic endpoint: the simulator scripts a call of Claude
 * Code's own {@code Write} tool, Claude Code executes it on disk and sends the result back, and the simulator ends the
 * turn. Every model Claude Code may pick (main, small/fast, subagents) is set to the group under test.
 */
@ExtendWith(Suite.class)
class ClaudeCodeE2ETest {

    private final Suite suite = Suite.get();

    /** Same dialect first. */
    static Stream<ClientTarget> targets() {
        return Stream.of(ClientTarget.MESSAGES, ClientTarget.CHAT, ClientTarget.RESPONSES);
    }

    @BeforeAll
    static void install() {
        Clients.install();
    }

    /** The environment docs/clients.md documents, plus a private HOME so nothing of the developer's is read. */
    static Map<String, String> environment(String gatewayUrl, String token, String group, Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("ANTHROPIC_BASE_URL", gatewayUrl + "/anthropic");
        env.put("ANTHROPIC_API_KEY", token);
        for (String model : List.of("ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL",
                "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL")) {
            env.put(model, group);
        }
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        // a failing gateway must fail the test, not keep Claude Code retrying with backoff
        env.put("CLAUDE_CODE_MAX_RETRIES", "1");
        env.put("API_TIMEOUT_MS", "60000");
        return env;
    }

    @ParameterizedTest(name = "Claude Code (anthropic-messages) → {0}")
    @MethodSource("targets")
    void writesAFileThroughItsOwnWriteTool(ClientTarget target) throws Exception {
        Path tmp = Files.createTempDirectory("sb-claude-code-");
        try {
            Path home = Files.createDirectories(tmp.resolve("home"));
            Path work = Files.createDirectories(tmp.resolve("work"));
            String marker = "claude-code-marker-" + System.nanoTime();
            Path file = work.resolve("greeting.txt");
            String content = "Written by Claude Code through Switchboard, " + marker + "\n";
            Map<String, String> args = new LinkedHashMap<>();
            args.put("file_path", file.toString());
            args.put("content", content);
            String prompt = "Create the greeting file. [[sim:tool Write " + Json.MAPPER.writeValueAsString(args) + "]]";
            Instant started = Instant.now();

            Clients.Run run = Clients.run("claude-code-" + target.name().toLowerCase(),
                    List.of(Clients.bin("claude").toString(), "-p", prompt, "--permission-mode", "acceptEdits",
                            "--output-format", "json", "--max-turns", "5"),
                    work, environment(suite.gateway.url(), suite.caller.token(), target.group(), home),
                    Clients.AGENT_TIMEOUT);

            assertThat(run.timedOut()).as(run.diagnostics()).isFalse();
            JsonNode result = Clients.lastJsonLine(run.stdout());
            assertThat(result).as("Claude Code's JSON result: " + run.diagnostics()).isNotNull();
            assertThat(result.path("is_error").asBoolean())
                    .as("Claude Code reported an error: %s (API status %s)%n%s", result.path("result").asText(),
                            result.path("api_error_status"), run.diagnostics())
                    .isFalse();
            assertThat(run.exitCode()).as(run.diagnostics()).isZero();
            assertThat(result.path("subtype").asText()).isEqualTo("success");
            assertThat(result.path("result").asText()).isEqualTo("done: Write");
            assertThat(result.path("num_turns").asInt()).as("tool call, then the answer").isEqualTo(2);
            assertThat(Files.readString(file)).isEqualTo(content);
            assertThat(Served.texts(fieldNames(result.path("modelUsage")))).as("every call used the group")
                    .containsExactly(target.group());

            List<Map<String, Object>> rows = Served.agentRows("claude-cli/", target.group(), started, 2);
            assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("status", 200)
                    .containsEntry("inbound_dialect", "anthropic-messages")
                    .containsEntry("resolved_group", target.group())
                    .containsEntry("target_dialect", target.dialect())
                    .containsEntry("target_provider", target.provider())
                    .containsEntry("stream", true));
            for (ServiceProcess service : suite.services()) {
                assertThat(service.log()).as("%s log must not contain the prompt or the file", service.module())
                        .doesNotContain(marker);
            }
        } finally {
            Clients.deleteRecursively(tmp);
        }
    }

    private static JsonNode fieldNames(JsonNode object) {
        var names = Json.MAPPER.createArrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
