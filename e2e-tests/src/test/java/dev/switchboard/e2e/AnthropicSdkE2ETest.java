package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code @anthropic-ai/sdk} (Node) on the Messages endpoints, to a target of each dialect. {@code apiKey} clients
 * use {@code <gateway>/anthropic} and send {@code x-api-key}; {@code authToken} clients use the {@code /v1/messages}
 * alias at the gateway root and send {@code Authorization: Bearer}.
 */
@ExtendWith(Suite.class)
class AnthropicSdkE2ETest {

    private static final String DIALECT = "anthropic-messages";
    private static final String API_KEY = "apiKey";
    private static final String AUTH_TOKEN = "authToken";
    private final Suite suite = Suite.get();

    static Stream<ClientTarget> targets() {
        return Stream.of(ClientTarget.MESSAGES, ClientTarget.CHAT, ClientTarget.RESPONSES);
    }

    static Stream<Arguments> targetsAndAuth() {
        return targets().flatMap(t -> Stream.of(Arguments.of(t, API_KEY), Arguments.of(t, AUTH_TOKEN)));
    }

    @BeforeAll
    static void install() {
        Clients.install();
    }

    private JsonNode run(String scenario, String group, String auth, String requestId) throws Exception {
        String baseUrl = suite.gateway.url() + (API_KEY.equals(auth) ? "/anthropic" : "");
        return Clients.script("anthropic-messages.mjs", scenario, Map.of("SB_BASE_URL", baseUrl, "SB_TOKEN",
                suite.caller.token(), "SB_GROUP", group, "SB_AUTH", auth, "SB_REQUEST_ID", requestId));
    }

    private JsonNode run(String scenario, String group) throws Exception {
        return run(scenario, group, API_KEY, "e2e-messages-" + System.nanoTime());
    }

    @ParameterizedTest(name = "anthropic-messages → {0} ({1})")
    @MethodSource("targetsAndAuth")
    void createsAMessage(ClientTarget target, String auth) throws Exception {
        JsonNode r = run("text", target.group(), auth, "unused");

        assertThat(r.path("type").asText()).isEqualTo("message");
        assertThat(r.path("role").asText()).isEqualTo("assistant");
        assertThat(r.path("text").asText()).isEqualTo("echo: Hello from the Anthropic SDK");
        assertThat(r.path("blockTypes").toString()).isEqualTo("[\"text\"]");
        assertThat(r.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(r.at("/usage/input_tokens").asLong()).isPositive();
        assertThat(r.at("/usage/output_tokens").asLong()).isPositive();
        assertThat(r.path("sdkRequestId").asText()).as("the SDK reads the request-id header")
                .isEqualTo(r.at("/requestIds/0").asText());
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "anthropic-messages → {0}")
    @MethodSource("targets")
    void streamsAMessage(ClientTarget target) throws Exception {
        JsonNode r = run("stream", target.group());

        assertThat(Served.texts(r.path("eventTypes"))).contains("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(r.path("deltaText").asText()).isEqualTo("echo: Stream a reply to the Anthropic SDK");
        assertThat(r.path("text").asText()).as("finalMessage()").isEqualTo("echo: Stream a reply to the Anthropic SDK");
        assertThat(r.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(r.at("/usage/output_tokens").asLong()).isPositive();
        Served.assertServed(r, DIALECT, target, false, true);
    }

    @ParameterizedTest(name = "anthropic-messages → {0}")
    @MethodSource("targets")
    void completesAToolUseRoundTrip(ClientTarget target) throws Exception {
        JsonNode r = run("tools", target.group());

        JsonNode first = r.path("first");
        assertThat(first.path("stopReason").asText()).isEqualTo("tool_use");
        assertThat(first.path("toolUses")).hasSize(1);
        JsonNode use = first.at("/toolUses/0");
        assertThat(use.path("id").asText()).as("Anthropic accepts [A-Za-z0-9_-] only").matches("[A-Za-z0-9_-]+");
        assertThat(use.path("name").asText()).isEqualTo("get_weather");
        assertThat(use.path("input").toString()).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode second = r.path("second");
        assertThat(second.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(second.path("text").asText()).isEqualTo("done: get_weather");
        assertThat(second.path("toolUses")).isEmpty();
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "anthropic-messages → {0}")
    @MethodSource("targets")
    void sendsABase64ImageToAVisionGroup(ClientTarget target) throws Exception {
        JsonNode r = run("image", target.visionGroup());

        assertThat(r.path("text").asText()).startsWith("echo:").contains("Describe this image");
        assertThat(r.path("stopReason").asText()).isEqualTo("end_turn");
        Served.assertServed(r, DIALECT, target, true, false);
    }

    @Test
    void countsTokensWithoutCallingAProvider() throws Exception {
        long before = Api.simulatorRequests();

        JsonNode r = run("count-tokens", ClientTarget.MESSAGES.group());

        assertThat(r.path("inputTokens").asLong()).isPositive();
        assertThat(r.at("/requestIds/0").asText()).isNotBlank();
        assertThat(Api.simulatorRequests()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auths")
    void aGroupOutsideTheAllowListRaisesPermissionDeniedError(String auth) throws Exception {
        String requestId = "e2e-sdk-messages-forbidden-" + System.nanoTime();
        long before = Api.simulatorRequests();

        JsonNode error = run("forbidden", "secret", auth, requestId).path("error");

        assertThat(error.path("class").asText()).isEqualTo("PermissionDeniedError");
        assertThat(error.path("status").asInt()).isEqualTo(403);
        assertThat(error.path("type").asText()).isEqualTo("model-not-allowed");
        assertThat(error.path("bodyRequestId").asText()).isEqualTo(requestId);
        assertThat(error.path("headerRequestId").asText()).isEqualTo(requestId);
        assertThat(error.path("sdkRequestId").asText()).isEqualTo(requestId);
        assertThat(Api.simulatorRequests()).isEqualTo(before);
        Served.assertRefused(requestId, DIALECT, 403, "model-not-allowed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auths")
    void listsTheCallersGroups(String auth) throws Exception {
        JsonNode r = run("models", "unused", auth, "unused");

        assertThat(Served.texts(r.path("ids"))).containsExactlyInAnyOrderElementsOf(Suite.mainCallerGroups());
    }

    static Stream<String> auths() {
        return Stream.of(API_KEY, AUTH_TOKEN);
    }
}
