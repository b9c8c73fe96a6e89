package dev.switchboard.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;

/**
 * Everything a gateway test needs around it: the fake routing/reports service, the bootstrap policy file, a random
 * internal token, Redis keys under a prefix of their own, and the usage channel switched to memory.
 */
public class GatewayTestResources implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running {@link FakeBackends}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Backends {
    }

    public static final long MAX_BODY_BYTES = 64 * 1024;
    public static final String INTERNAL_TOKEN = "test-internal-" + UUID.randomUUID();

    private FakeBackends backends;
    private Path policyFile;

    @Override
    public Map<String, String> start() {
        backends = new FakeBackends();
        backends.start();
        policyFile = copyPolicy();
        Map<String, String> config = new HashMap<>(
                InMemoryConnector.switchOutgoingChannelsToInMemory(EdgeUsageEvents.CHANNEL));
        config.put("switchboard.routing.url", backends.url());
        config.put("switchboard.reports.url", backends.url());
        config.put("switchboard.internal.token", INTERNAL_TOKEN);
        config.put("switchboard.policy.bootstrap-file", policyFile.toString());
        config.put("switchboard.limits.key-prefix", "sbtest:" + UUID.randomUUID() + ":");
        config.put("switchboard.http.max-body-bytes", Long.toString(MAX_BODY_BYTES));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(backends,
                new TestInjector.AnnotatedAndMatchesType(Backends.class, FakeBackends.class));
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        if (backends != null) {
            backends.close();
        }
        try {
            Files.deleteIfExists(policyFile);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static Path copyPolicy() {
        try (InputStream in = GatewayTestResources.class.getResourceAsStream("/gateway-test-policy.yaml")) {
            Path file = Files.createTempFile("gateway-test-policy", ".yaml");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
