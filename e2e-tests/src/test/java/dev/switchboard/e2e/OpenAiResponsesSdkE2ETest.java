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

/** The openai SDK (Node) on {@code /v1/responses} ({@code client.responses.create}), to a target of each dialect. */
@ExtendWith(Suite.class)
class OpenAiResponsesSdkE2ETest {

    private static final String DIALECT = "openai-responses";
    private final Suite suite = Suite.get();

    static Stream<ClientTarget> targets() {
        return Stream.of(ClientTarget.RESPONSES, ClientTarget.CHAT, ClientTarget.MESSAGES);
    }

    @BeforeAll
    static void install() {
        Clients.install();
    }

    private JsonNode run(String scenario, String group, String requestId) throws Exception {
        return Clients.script("openai-responses.mjs", scenario, Map.of("SB_BASE_URL", suite.gateway.url() + "/v1",
                "SB_TOKEN", suite.caller.token(), "SB_GROUP", group, "SB_REQUEST_ID", requestId));
    }

    private JsonNode run(String scenario, String group) throws Exception {
        return run(scenario, group, "e2e-responses-" + System.nanoTime());
    }

    @ParameterizedTest(name = "openai-responses → {0}")
    @MethodSource("targets")
    void createsAResponse(ClientTarget target) throws Exception {
        JsonNode r = run("text", target.group());

        assertThat(r.path("object").asText()).isEqualTo("response");
        assertThat(r.path("status").asText()).isEqualTo("completed");
        assertThat(r.path("text").asText()).isEqualTo("echo: Hello from the Responses API");
        assertThat(r.path("sdkOutputText").asText()).as("the SDK's output_text helper").isEqualTo(
                "echo: Hello from the Responses API");
        assertThat(r.path("outputTypes").toString()).isEqualTo("[\"message\"]");
        assertThat(r.at("/usage/input_tokens").asLong()).isPositive();
        assertThat(r.at("/usage/output_tokens").asLong()).isPositive();
        assertThat(r.path("sdkRequestId").asText()).isEqualTo(r.at("/requestIds/0").asText());
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "openai-responses → {0}")
    @MethodSource("targets")
    void streamsAResponse(ClientTarget target) throws Exception {
        JsonNode r = run("stream", target.group());

        assertThat(Served.texts(r.path("eventTypes"))).contains("response.created",
                "response.output_item.added", "response.output_text.delta", "response.output_item.done",
                "response.completed");
        assertThat(r.path("deltaText").asText()).isEqualTo("echo: Stream a reply to the Responses API");
        JsonNode completed = r.path("completed");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("text").asText()).isEqualTo("echo: Stream a reply to the Responses API");
        assertThat(completed.at("/usage/output_tokens").asLong()).isPositive();
        Served.assertServed(r, DIALECT, target, false, true);
    }

    @ParameterizedTest(name = "openai-responses → {0}")
    @MethodSource("targets")
    void completesAFunctionCallRoundTrip(ClientTarget target) throws Exception {
        JsonNode r = run("tools", target.group());

        JsonNode first = r.path("first");
        assertThat(first.path("status").asText()).isEqualTo("completed");
        assertThat(first.path("functionCalls")).hasSize(1);
        JsonNode call = first.at("/functionCalls/0");
        assertThat(call.path("callId").asText()).isNotBlank();
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("arguments").toString()).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode second = r.path("second");
        assertThat(second.path("status").asText()).isEqualTo("completed");
        assertThat(second.path("text").asText()).isEqualTo("done: get_weather");
        assertThat(second.path("functionCalls")).isEmpty();
        Served.assertServed(r, DIALECT, target, false, false);
    }

    @ParameterizedTest(name = "openai-responses → {0}")
    @MethodSource("targets")
    void sendsABase64ImageToAVisionGroup(ClientTarget target) throws Exception {
        JsonNode r = run("image", target.visionGroup());

        assertThat(r.path("status").asText()).isEqualTo("completed");
        assertThat(r.path("text").asText()).startsWith("echo:").contains("Describe this image");
        Served.assertServed(r, DIALECT, target, true, false);
    }

    @Test
    void aGroupOutsideTheAllowListRaisesPermissionDeniedError() throws Exception {
        String requestId = "e2e-sdk-responses-forbidden-" + System.nanoTime();
        long before = Api.simulatorRequests();

        JsonNode error = run("forbidden", "secret", requestId).path("error");

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
