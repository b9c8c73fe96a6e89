package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

@ExtendWith(Suite.class)
class ChatCompletionsE2ETest {

    private final Suite suite = Suite.get();

    @Test
    void nonStreamingChatIsAnsweredAndItsUsageRowPersisted() throws Exception {
        Api.Reply reply = Api.chat(suite.caller.token(), Api.userMessage("default", "Hello from the e2e suite"));

        assertThat(reply.status()).isEqualTo(200);
        String requestId = reply.header("X-Request-Id");
        assertThat(requestId).matches("req_[0-9a-f]{32}");
        assertThat(reply.body().at("/choices/0/message/content").asText()).isEqualTo("echo: Hello from the e2e suite");
        long promptTokens = reply.body().at("/usage/prompt_tokens").asLong();
        long completionTokens = reply.body().at("/usage/completion_tokens").asLong();
        assertThat(promptTokens).isPositive();
        assertThat(completionTokens).isPositive();

        Map<String, Object> row = UsageDatabase.awaitRequestRow(requestId);
        assertThat(row).containsEntry("status", 200)
                .containsEntry("caller_id", "e2e-main")
                .containsEntry("token_id", suite.caller.tokenId())
                .containsEntry("resolved_group", "default")
                .containsEntry("target_provider", "sim")
                .containsEntry("target_model", "sim-echo")
                .containsEntry("inbound_dialect", "openai-chat")
                .containsEntry("stream", false)
                .containsEntry("fallback_used", false);
        assertThat(((Number) row.get("input_tokens")).longValue()).isEqualTo(promptTokens);
        assertThat(((Number) row.get("output_tokens")).longValue()).isEqualTo(completionTokens);
        BigDecimal expectedCost = BigDecimal.valueOf(promptTokens * 2 + completionTokens * 8)
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat((BigDecimal) row.get("total_cost_usd")).isEqualByComparingTo(expectedCost);

        List<Map<String, Object>> attempts = UsageDatabase.attempts(requestId);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("provider", "sim").containsEntry("status_code", 200)
                    .containsEntry("selected", true);
        });
    }

    @Test
    void streamingChatArrivesEventByEventAndIsAccounted() throws Exception {
        Api.StreamReply reply = Api.chatStream(suite.caller.token(),
                "{\"model\":\"default\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream me a reply please\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).startsWith("text/event-stream");
        List<String> data = reply.dataLines();
        assertThat(data.size()).isGreaterThanOrEqualTo(4);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String line : data.subList(0, data.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(line);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.has("usage") && !chunk.get("usage").isNull())
                    .as("no usage chunk unless the caller asked for it").isFalse();
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("echo: stream me a reply please");

        Map<String, Object> row = UsageDatabase.awaitRequestRow(reply.header("X-Request-Id"));
        assertThat(row).containsEntry("status", 200).containsEntry("stream", true)
                .containsEntry("target_model", "sim-echo");
        assertThat(((Number) row.get("output_tokens")).longValue()).isPositive();
        assertThat(((Number) row.get("input_tokens")).longValue()).isPositive();
    }

    @Test
    void streamingWithIncludeUsageEndsWithTheUsageChunk() throws Exception {
        Api.StreamReply reply = Api.chatStream(suite.caller.token(), """
                {"model":"default","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"count my tokens"}]}""");

        assertThat(reply.status()).isEqualTo(200);
        List<String> data = reply.dataLines();
        JsonNode usageChunk = Json.MAPPER.readTree(data.get(data.size() - 2));
        assertThat(usageChunk.at("/usage/completion_tokens").asLong()).isPositive();

        Map<String, Object> row = UsageDatabase.awaitRequestRow(reply.header("X-Request-Id"));
        assertThat(((Number) row.get("output_tokens")).longValue())
                .isEqualTo(usageChunk.at("/usage/completion_tokens").asLong());
    }

    @Test
    void callerRequestIdIsKeptAndPropagatedUpstream() throws Exception {
        String requestId = "e2e-trace-" + System.nanoTime();
        Api.Reply reply = Api.chat(suite.caller.token(), Api.userMessage("default", "trace me"), requestId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).isEqualTo(requestId);
        JsonNode stats = Api.get(suite.simulator.url() + "/_sim/stats", null).body();
        assertThat(stats.path("last_request_id").asText()).isEqualTo(requestId);
        assertThat(stats.path("last_authorization_present").asBoolean())
                .as("routing injects the provider key from the environment").isTrue();
        assertThat(UsageDatabase.awaitRequestRow(requestId)).containsEntry("status", 200);
    }

    @Test
    void modelsListOnlyTheCallersGroups() throws Exception {
        Api.Reply reply = Api.get(suite.gateway.url() + "/v1/models", suite.caller.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("object").asText()).isEqualTo("list");
        assertThat(reply.body().findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(Suite.mainCallerGroups())
                .doesNotContain("secret");
    }

    @Test
    void usageEndpointShowsTheCallersOwnUsageOnly() throws Exception {
        Api.Reply mine = Api.chat(suite.caller.token(), Api.userMessage("default", "count me"));
        Api.Reply theirs = Api.chat(suite.otherCaller.token(), Api.userMessage("default", "count them"));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(theirs.status()).isEqualTo(200);
        UsageDatabase.awaitRequestRow(mine.header("X-Request-Id"));
        Map<String, Object> theirRow = UsageDatabase.awaitRequestRow(theirs.header("X-Request-Id"));

        Api.Reply other = Api.get(suite.gateway.url() + "/v1/usage?caller_id=e2e-main", suite.otherCaller.token());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Cache-Control")).contains("no-store");
        JsonNode otherBody = other.body();
        assertThat(otherBody.at("/caller/id").asText()).as("identity comes from the token, not the query")
                .isEqualTo("e2e-other");
        assertThat(otherBody.at("/totals/requests").asLong()).isEqualTo(1);
        assertThat(otherBody.at("/totals/input_tokens").asLong())
                .isEqualTo(((Number) theirRow.get("input_tokens")).longValue());

        Api.Reply own = Api.get(suite.gateway.url() + "/v1/usage?since=24h", suite.caller.token());
        assertThat(own.status()).isEqualTo(200);
        JsonNode body = own.body();
        assertThat(body.at("/caller/id").asText()).isEqualTo("e2e-main");
        assertThat(body.at("/totals/requests").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(new BigDecimal(body.at("/totals/cost_usd").asText())).isPositive();
        assertThat(body.path("by_group").findValuesAsText("group")).contains("default");
        assertThat(body.path("by_provider_model").findValuesAsText("model")).contains("sim-echo");
        assertThat(body.path("by_status").findValuesAsText("status")).contains("200");
        assertThat(body.path("by_day")).isNotEmpty();
    }
}
