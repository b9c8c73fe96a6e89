package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
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
 * Codex ({@code codex exec}) with a custom model provider on the gateway's Responses endpoint: the simulator scripts a
 * call of Codex's own {@code exec_command} tool, Codex runs the command in its workspace-write sandbox and sends the
 * output back, and the simulator ends the turn.
 */
@ExtendWith(Suite.class)
class CodexE2ETest {

    private final Suite suite = Suite.get();

    /** Same dialect first. */
    static Stream<ClientTarget> targets() {
        return Stream.of(ClientTarget.RESPONSES, ClientTarget.MESSAGES, ClientTarget.CHAT);
    }

    @BeforeAll
    static void install() {
        Clients.install();
    }

    /**
     * The configuration docs/clients.md documents. Codex also offers hosted tools (web search, a tool namespace) that
     * only an OpenAI Responses target can run; routing refuses to send them elsewhere (no-eligible-target,
     * {@code hosted_tools}), so a group whose target speaks another dialect needs them turned off.
     */
    static String config(String gatewayUrl, String group, boolean functionToolsOnly) {
        String hostedToolsOff = functionToolsOnly ? """
                web_search = "disabled"

                [features]
                multi_agent = false
                """ : "";
        return """
                model = "%2$s"
                model_provider = "switchboard"
                check_for_update_on_startup = false
                %3$s
                [model_providers.switchboard]
                name = "Switchboard"
                base_url = "%1$s/v1"
                env_key = "SWITCHBOARD_API_KEY"
                wire_api = "responses"
                # a failing gateway must fail the test, not keep Codex retrying
                request_max_retries = 0
                stream_max_retries = 0
                stream_idle_timeout_ms = 60000
                """.formatted(gatewayUrl, group, hostedToolsOff);
    }

    @ParameterizedTest(name = "Codex (openai-responses) → {0}")
    @MethodSource("targets")
    void writesAFileThroughItsOwnShellTool(ClientTarget target) throws Exception {
        Path tmp = Files.createTempDirectory("sb-codex-");
        try {
            Path home = Files.createDirectories(tmp.resolve("home"));
            Path codexHome = Files.createDirectories(tmp.resolve("codex-home"));
            Path work = Files.createDirectories(tmp.resolve("work"));
            Files.writeString(codexHome.resolve("config.toml"),
                    config(suite.gateway.url(), target.group(), target != ClientTarget.RESPONSES));
            String marker = "codex-marker-" + System.nanoTime();
            Path file = work.resolve("greeting.txt");
            String content = "Written by Codex through Switchboard, " + marker;
            String command = "printf '%s\\n' '" + content + "' > " + file;
            String prompt = "Create the greeting file. [[sim:tool exec_command "
                    + Json.MAPPER.writeValueAsString(Map.of("cmd", command)) + "]]";
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("CODEX_HOME", codexHome.toString());
            env.put("SWITCHBOARD_API_KEY", suite.caller.token());
            Instant started = Instant.now();

            Clients.Run run = Clients.run("codex-" + target.name().toLowerCase(),
                    List.of(Clients.bin("codex").toString(), "exec", "--json", "--skip-git-repo-check", "-s",
                            "workspace-write", "-c", "analytics.enabled=false", "--disable", "plugins", prompt),
                    work, env, Clients.AGENT_TIMEOUT);

            assertThat(run.timedOut()).as(run.diagnostics()).isFalse();
            List<JsonNode> events = Clients.jsonLines(run.stdout());
            String failure = events.stream().filter(e -> e.path("type").asText().equals("turn.failed"))
                    .map(e -> e.at("/error/message").asText()).findFirst().orElse(null);
            assertThat(failure).as("Codex's turn failed: %s%n%s", failure, run.diagnostics()).isNull();
            assertThat(run.exitCode()).as(run.diagnostics()).isZero();
            assertThat(events).as("the command ran: " + run.diagnostics()).anyMatch(e -> e.path("type").asText()
                    .equals("item.completed") && e.at("/item/type").asText().equals("command_execution")
                    && e.at("/item/exit_code").asInt(-1) == 0);
            assertThat(events).as("the final answer: " + run.diagnostics()).anyMatch(e -> e.at("/item/type").asText()
                    .equals("agent_message") && e.at("/item/text").asText().equals("done: exec_command"));
            assertThat(events).anyMatch(e -> e.path("type").asText().equals("turn.completed"));
            assertThat(Files.readString(file)).isEqualTo(content + "\n");

            List<Map<String, Object>> rows = Served.agentRows("codex_exec/", target.group(), started, 2);
            assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("status", 200)
                    .containsEntry("inbound_dialect", "openai-responses")
                    .containsEntry("resolved_group", target.group())
                    .containsEntry("target_dialect", target.dialect())
                    .containsEntry("target_provider", target.provider())
                    .containsEntry("stream", true));
            for (ServiceProcess service : suite.services()) {
                assertThat(service.log()).as("%s log must not contain the prompt or the command", service.module())
                        .doesNotContain(marker);
            }
        } finally {
            Clients.deleteRecursively(tmp);
        }
    }
}
