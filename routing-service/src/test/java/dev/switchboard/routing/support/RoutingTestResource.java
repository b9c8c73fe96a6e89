package dev.switchboard.routing.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake upstream, writes a policy set pointing at it, and wires the test configuration: a random internal
 * token and provider key, a per-run Redis key prefix (so only this run's marks are touched) and the in-memory
 * connector in place of Kafka for the usage channel.
 */
public class RoutingTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String INTERNAL_TOKEN = "itok-" + UUID.randomUUID();
    public static final String PROVIDER_KEY = "sk-fake-" + UUID.randomUUID();
    public static final String KEY_PREFIX = "sbtest:routing:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    public static final String KEY_VARIABLE = "SB_TEST_ALPHA_KEY";

    private Path policyFile;

    @Override
    public Map<String, String> start() {
        try {
            int port = FakeUpstream.start();
            String yaml = new String(
                    RoutingTestResource.class.getResourceAsStream("/test-policy.yaml").readAllBytes(),
                    StandardCharsets.UTF_8).replace("${FAKE_PORT}", Integer.toString(port));
            policyFile = Files.createTempFile("routing-test-policy", ".yaml");
            Files.writeString(policyFile, yaml);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake upstream", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.policy.bootstrap-file", policyFile.toString());
        config.put("switchboard.internal.token", INTERNAL_TOKEN);
        config.put("switchboard.backoff.key-prefix", KEY_PREFIX);
        config.put(KEY_VARIABLE, PROVIDER_KEY);
        config.put("mp.messaging.outgoing.\"switchboard.usage.v1\".connector", "smallrye-in-memory");
        return config;
    }

    @Override
    public void stop() {
        try {
            FakeUpstream.stop();
            if (policyFile != null) {
                Files.deleteIfExists(policyFile);
            }
        } catch (Exception e) {
            // best effort at shutdown
        }
    }
}
