package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the gateway refuses never reach a provider, carry the request ID in header and body, and still leave a
 * usage row.
 */
@ExtendWith(Suite.class)
class EdgeRejectionsE2ETest {

    private final Suite suite = Suite.get();

    private void assertRejected(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).isEqualTo(status);
        String requestId = reply.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(reply.body().at("/error/type").asText()).isEqualTo(type);
        assertThat(reply.body().at("/error/details/request_id").asText()).isEqualTo(requestId);
    }

    @Test
    void unauthorizedCallersNeverReachAProvider() throws Exception {
        long before = Api.simulatorRequests();

        Api.Reply missing = Api.chat(null, Api.userMessage("default", "hi"));
        Api.Reply unknown = Api.chat("sbk_nobody_" + "x".repeat(43), Api.userMessage("default", "hi"));

        assertRejected(missing, 401, "unauthorized");
        assertRejected(unknown, 401, "unauthorized");
        assertThat(Api.simulatorRequests()).isEqualTo(before);
        Map<String, Object> row = UsageDatabase.awaitRequestRow(unknown.header("X-Request-Id"));
        assertThat(row).containsEntry("status", 401).containsEntry("error_type", "unauthorized");
        assertThat(row.get("caller_id")).isNull();
    }

    @Test
    void groupsOutsideTheAllowListAreRefusedBeforeAnyProviderCall() throws Exception {
        long before = Api.simulatorRequests();

        Api.Reply reply = Api.chat(suite.caller.token(), Api.userMessage("secret", "let me in"), "e2e-forbidden-1");

        assertRejected(reply, 403, "model-not-allowed");
        assertThat(reply.header("X-Request-Id")).isEqualTo("e2e-forbidden-1");
        assertThat(Api.simulatorRequests()).isEqualTo(before);
        Map<String, Object> row = UsageDatabase.awaitRequestRow("e2e-forbidden-1");
        assertThat(row).containsEntry("status", 403).containsEntry("error_type", "model-not-allowed")
                .containsEntry("caller_id", "e2e-main").containsEntry("requested_model", "secret");
    }

    @Test
    void aRequestWithoutModelIsRefused() throws Exception {
        long before = Api.simulatorRequests();

        Api.Reply reply = Api.chat(suite.caller.token(), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertRejected(reply, 400, "missing-model");
        assertThat(Api.simulatorRequests()).isEqualTo(before);
        assertThat(UsageDatabase.awaitRequestRow(reply.header("X-Request-Id"))).containsEntry("status", 400)
                .containsEntry("error_type", "missing-model");
    }

    @Test
    void malformedBodiesAndDisabledKeysAreRefusedPrecisely() throws Exception {
        long before = Api.simulatorRequests();

        Api.Reply badJson = Api.chat(suite.caller.token(), "{\"model\":\"default\",\"messages\":[");
        Api.Reply noMessages = Api.chat(suite.caller.token(), "{\"model\":\"default\"}");
        Api.Reply disabled = Api.chat(suite.disabledCaller.token(), Api.userMessage("default", "hi"));

        assertRejected(badJson, 400, "invalid-request");
        assertRejected(noMessages, 400, "invalid-request");
        assertThat(noMessages.body().at("/error/message").asText()).contains("messages");
        assertRejected(disabled, 403, "key-disabled");
        assertThat(Api.simulatorRequests()).isEqualTo(before);
    }
}
