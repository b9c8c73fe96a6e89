package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Suite.class)
class OperationsE2ETest {

    private final Suite suite = Suite.get();

    @Test
    void readinessNamesTheActivePolicyAndVersionNamesTheBuild() throws Exception {
        Api.Reply ready = Api.get(suite.gateway.url() + "/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().at("/policy/version").asText()).isEqualTo("e2e-1");
        assertThat(ready.header("X-Request-Id")).isNotBlank();

        Api.Reply version = Api.get(suite.gateway.url() + "/version", null);
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body().path("commit").asText()).matches("[0-9a-f]{40}|unknown");
        assertThat(version.body().path("build_time").asText()).isNotBlank();

        assertThat(Api.get(suite.gateway.url() + "/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void noSecretOrPromptLeaksIntoLogsOrUsageRows() throws Exception {
        String marker = "confidential-prompt-" + System.nanoTime();
        Api.Reply ok = Api.chat(suite.caller.token(), Api.userMessage("default", marker));
        Api.Reply refused = Api.chat(suite.caller.token(), Api.userMessage("secret", marker));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().body()).doesNotContain(marker);
        Map<String, Object> row = UsageDatabase.awaitRequestRow(ok.header("X-Request-Id"));
        UsageDatabase.awaitRequestRow(refused.header("X-Request-Id"));

        List<String> forbidden = new ArrayList<>(suite.secrets());
        forbidden.add(marker);
        for (ServiceProcess service : suite.services()) {
            String log = service.log();
            for (String secret : forbidden) {
                assertThat(log).as("%s log must not contain a secret or prompt", service.module())
                        .doesNotContain(secret);
            }
        }
        for (String secret : forbidden) {
            assertThat(row.values().toString()).doesNotContain(secret);
        }
    }
}
