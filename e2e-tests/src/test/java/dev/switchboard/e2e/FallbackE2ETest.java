package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Suite.class)
class FallbackE2ETest {

    private final Suite suite = Suite.get();

    @Test
    void aFailingFirstTargetFallsBackToTheSecondAndBothAttemptsAreRecorded() throws Exception {
        long before = Api.simulatorRequests();

        Api.Reply reply = Api.chat(suite.caller.token(), Api.userMessage("resilient", "please survive"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/choices/0/message/content").asText()).isEqualTo("echo: please survive");
        assertThat(Api.simulatorRequests()).isEqualTo(before + 2);

        String requestId = reply.header("X-Request-Id");
        Map<String, Object> row = UsageDatabase.awaitRequestRow(requestId);
        assertThat(row).containsEntry("status", 200).containsEntry("fallback_used", true)
                .containsEntry("attempt_count", 2).containsEntry("target_provider", "sim-backup")
                .containsEntry("target_model", "sim-echo");
        long in = ((Number) row.get("input_tokens")).longValue();
        long out = ((Number) row.get("output_tokens")).longValue();
        assertThat((BigDecimal) row.get("total_cost_usd")).as("priced at the serving target's rates")
                .isEqualByComparingTo(BigDecimal.valueOf(in * 3 + out * 12).divide(BigDecimal.valueOf(1_000_000)));

        List<Map<String, Object>> attempts = UsageDatabase.attempts(requestId);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).containsEntry("provider", "sim").containsEntry("model", "sim-fail-500")
                .containsEntry("status_code", 500).containsEntry("selected", false).containsEntry("retryable", true);
        assertThat(attempts.get(1)).containsEntry("provider", "sim-backup").containsEntry("status_code", 200)
                .containsEntry("selected", true);
    }
}
