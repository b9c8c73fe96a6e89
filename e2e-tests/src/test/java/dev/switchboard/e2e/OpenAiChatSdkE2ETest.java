package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The openai SDK (Node) on {@code /v1/chat/completions}, to a target of each dialect. */
@ExtendWith(Suite.class)
class OpenAiChatSdkE2ETest {

    private static final String DIALECT = "openai-chat";
    private final Suite suite = Suite.get();

    /** Same dialect first, then the translated routes. */
    static Stream<ClientTarget> targets() {
        return Stream.of(ClientTarget.CHAT, ClientTarget.MESSAGES, ClientTarget.RESPONSES);
    }

    @BeforeAll
    static void install() {
        Clients.install();
    }

    private JsonNode run(String scenario, String group) throws Exception {
        return Clients.script("openai-chat.mjs", scenario, Map.of("SB_BASE_URL", suite.gateway.url() + "/v1",
                "SB_TOKEN", suite.caller.token(), "SB_GROUP", group, "SB_REQUEST_ID", "e2e-chat-" + System.nanoTime()));
    }

    @ParameterizedTest(name = "openai-chat → {0}")
    @MethodSource("targets")
    void completesText(ClientTarget target) throws Exception {
        JsonNode r = run("text", target.group());

        assertThat(r.path("object").asText()).isEqualTo("chat.completion");
        assertThat(r.path("text").asText()).isEqualTo("echo: Hello from the openai SDK");
        assertThat(r.path("finishReason").asText()).isEqualTo("stop");
        assertThat(r.at("/usage/prompt_tokens").asLong()).isPositive();
        assertThat(r.at("/usage/completion_tokens").asLong()).isPositive();
        assertThat(r.path("sdkRequestId").asText()).as("the SDK exposes the gateway's request ID")
                .isEqualTo(r.at("/requestIds/0").asText());
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "openai-chat → {0}")
    @MethodSource("targets")
    void streamsText(ClientTarget target) throws Exception {
        JsonNode r = run("stream", target.group());

        assertThat(r.path("text").asText()).isEqualTo("echo: Stream a reply to the openai SDK");
        assertThat(r.path("finishReason").asText()).isEqualTo("stop");
        assertThat(r.path("chunks").asInt()).as("delivered in several chunks").isGreaterThanOrEqualTo(3);
        assertThat(r.at("/usage/completion_tokens").asLong()).as("include_usage was asked for").isPositive();
        Served.assertServed(r, DIALECT, target, false, true);
    }

    @ParameterizedTest(name = "openai-chat → {0}")
    @MethodSource("targets")
    void completesAToolCallRoundTrip(ClientTarget target) throws Exception {
        JsonNode r = run("tools", target.group());

        assertToolRoundTrip(r);
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "openai-chat → {0}")
    @MethodSource("targets")
    void streamsAToolCallRoundTrip(ClientTarget target) throws Exception {
        JsonNode r = run("tools-stream", target.group());

        assertToolRoundTrip(r);
        Served.assertServed(r, DIALECT, target, false, true);
    }

    private static void assertToolRoundTrip(JsonNode r) {
        JsonNode first = r.path("first");
        assertThat(first.path("finishReason").asText()).isEqualTo("tool_calls");
        assertThat(first.path("toolCalls")).hasSize(1);
        JsonNode call = first.at("/toolCalls/0");
        assertThat(call.path("id").asText()).isNotBlank();
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("arguments").toString()).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode second = r.path("second");
        assertThat(second.path("text").asText()).isEqualTo("done: get_weather");
        assertThat(second.path("finishReason").asText()).isEqualTo("stop");
        assertThat(second.path("toolCalls")).isEmpty();
    }

    @ParameterizedTest(name = "openai-chat → {0}")
    @MethodSource("targets")
    void sendsABase64ImageToAVisionGroup(ClientTarget target) throws Exception {
        JsonNode r = run("image", target.visionGroup());

        assertThat(r.path("text").asText()).startsWith("echo:").contains("Describe this image");
        assertThat(r.path("finishReason").asText()).isEqualTo("stop");
        Served.assertServed(r, DIALECT, target, true, false);
    }

    @Test
    void anImageForAGroupWithoutVisionNeverReachesAProvider() throws Exception {
        long before = Api.simulatorRequests();

        JsonNode error = run("image-refused", ClientTarget.CHAT.group()).path("error");

        assertThat(error.path("class").asText()).isEqualTo("InternalServerError");
        assertThat(error.path("status").asInt()).isEqualTo(502);
        assertThat(error.path("type").asText()).isEqualTo("no-eligible-target");
        assertThat(Api.simulatorRequests()).isEqualTo(before);
    }

    @Test
    void listsTheCallersGroups() throws Exception {
        JsonNode r = run("models", "unused");

        assertThat(Served.texts(r.path("ids"))).containsExactlyInAnyOrderElementsOf(Suite.mainCallerGroups());
    }

    @Test
    void aGroupOutsideTheAllowListRaisesPermissionDeniedError() throws Exception {
        String requestId = "e2e-sdk-chat-forbidden-" + System.nanoTime();
        long before = Api.simulatorRequests();

        JsonNode r = Clients.script("openai-chat.mjs", "forbidden", Map.of("SB_BASE_URL",
                suite.gateway.url() + "/v1", "SB_TOKEN", suite.caller.token(), "SB_GROUP", "secret", "SB_REQUEST_ID",
                requestId));

        JsonNode error = r.path("error");
        assertThat(error.path("class").asText()).isEqualTo("PermissionDeniedError");
        assertThat(error.path("status").asInt()).isEqualTo(403);
        assertThat(error.path("type").asText()).isEqualTo("model-not-allowed");
        assertThat(error.path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(error.path("sdkRequestId").asText()).isEqualTo(requestId);
        assertThat(error.path("bodyRequestId").asText()).isEqualTo(requestId);
        assertThat(Api.simulatorRequests()).isEqualTo(before);
        Served.assertRefused(requestId, DIALECT, 403, "model-not-allowed");
    }
}
