package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What the usage rows say about requests a client made: who sent them, in which dialect, and what served them. */
final class Served {

    private Served() {
    }

    /**
     * Every answer a client script received ({@code requestIds}) was served with 200 by {@code target} through
     * {@code group}, for the main caller, and its tokens were counted.
     */
    static void assertServed(JsonNode result, String inboundDialect, ClientTarget target, boolean vision,
            boolean stream) throws Exception {
        JsonNode ids = result.path("requestIds");
        assertThat(ids.isArray() && !ids.isEmpty())
                .as("the script reports the X-Request-Id of every answer: %s", result)
                .isTrue();
        for (JsonNode id : ids) {
            assertThat(id.asText()).as("X-Request-Id of an answer").matches("req_[0-9a-f]{32}");
            Map<String, Object> row = UsageDatabase.awaitRequestRow(id.asText());
            assertThat(row).as("usage row of %s", id.asText()).containsEntry("status", 200)
                    .containsEntry("caller_id", "e2e-main")
                    .containsEntry("inbound_dialect", inboundDialect)
                    .containsEntry("resolved_group", vision ? target.visionGroup() : target.group())
                    .containsEntry("target_provider", target.provider())
                    .containsEntry("target_dialect", target.dialect())
                    .containsEntry("target_model", vision ? target.visionModel() : target.model())
                    .containsEntry("stream", stream);
            assertThat(((Number) row.get("input_tokens")).longValue()).as("input tokens of %s", id).isPositive();
            assertThat(((Number) row.get("output_tokens")).longValue()).as("output tokens of %s", id).isPositive();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** A refused request: the client saw the request ID it sent, and the refusal left a usage row. */
    static void assertRefused(String requestId, String inboundDialect, int status, String errorType)
            throws Exception {
        Map<String, Object> row = UsageDatabase.awaitRequestRow(requestId);
        assertThat(row).containsEntry("status", status).containsEntry("error_type", errorType)
                .containsEntry("caller_id", "e2e-main").containsEntry("inbound_dialect", inboundDialect);
    }

    /**
     * The usage rows of an agent run: requests of the main caller for {@code group} since {@code since} whose
     * User-Agent starts with {@code clientPrefix}, once at least {@code atLeast} of them have been persisted.
     */
    static List<Map<String, Object>> agentRows(String clientPrefix, String group, Instant since, int atLeast)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Map<String, Object>> rows = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            rows = UsageDatabase.query("SELECT * FROM requests WHERE caller_id = 'e2e-main' AND client LIKE ? "
                    + "AND requested_model = ? AND ts >= ? ORDER BY ts", clientPrefix + "%", group,
                    Timestamp.from(since));
            if (rows.size() >= atLeast) {
                return rows;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected at least " + atLeast + " usage rows of " + clientPrefix + " since " + since
                + ", found " + rows.size() + ": " + rows);
    }
}
