package dev.switchboard.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.switchboard.model.security.RouterTokens;
import dev.switchboard.model.usage.UsageEvent;

/**
 * Starts the whole suite once per test run (all services from their packaged jars, on free ports, with a policy set
 * written for the run) on the real infrastructure, and stops it when every test is done.
 */
public final class Suite implements BeforeAllCallback, AutoCloseable {

    private static Suite instance;
    private static Throwable startFailure;

    final Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    final Path runDir = root.resolve("e2e-tests/target/e2e-run");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Allowed: {@link #mainCallerGroups()}. */
    RouterTokens.Issued caller;
    /** Allowed: default only; its usage must never show up in {@link #caller}'s report. */
    RouterTokens.Issued otherCaller;
    RouterTokens.Issued disabledCaller;
    private String internalToken;
    private String providerKey;

    ServiceProcess simulator;
    ServiceProcess usage;
    ServiceProcess reports;
    ServiceProcess policy;
    ServiceProcess routing;
    ServiceProcess gateway;
    private List<ServiceProcess> all;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (startFailure != null) {
            throw new IllegalStateException("the suite failed to start (see the first failing test)", startFailure);
        }
        if (instance == null) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Suite.class.getName(), this);
            try {
                start();
            } catch (Throwable e) {
                startFailure = e;
                throw e;
            }
            instance = this;
        }
    }

    static Suite get() {
        if (instance == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(Suite.class)");
        }
        return instance;
    }

    private void start() throws Exception {
        Infrastructure.Endpoints infra = Infrastructure.start(root);
        Infrastructure.resetDatabase();
        Infrastructure.ensureTopics(List.of(UsageEvent.TOPIC, UsageEvent.DEAD_LETTER_TOPIC));
        Files.createDirectories(runDir);

        internalToken = randomHex(24);
        providerKey = "sim-" + randomHex(16);
        caller = RouterTokens.issue("e2e-main");
        otherCaller = RouterTokens.issue("e2e-other");
        disabledCaller = RouterTokens.issue("e2e-disabled");

        // the run's consumer group starts at the end of the topic: earlier runs' events are not ours to store
        String usageGroup = "usage-e2e-" + randomHex(4);
        Infrastructure.startGroupAtEnd(usageGroup, UsageEvent.TOPIC);

        Path logs = runDir.resolve("logs");
        simulator = new ServiceProcess("upstream-simulator", freePort(), "/q/health/ready", logs);
        usage = new ServiceProcess("usage-service", freePort(), "/q/health/ready", logs);
        reports = new ServiceProcess("reports-service", freePort(), "/q/health/ready", logs);
        policy = new ServiceProcess("policy-service", freePort(), "/q/health/ready", logs);
        routing = new ServiceProcess("routing-service", freePort(), "/q/health/ready", logs);
        gateway = new ServiceProcess("gateway-service", freePort(), "/readyz", logs);
        all = List.of(simulator, usage, reports, policy, routing, gateway);

        Path policyFile = runDir.resolve("policy.yaml");
        Files.writeString(policyFile, policyYaml());

        String token = internalToken;
        String bootstrap = policyFile.toString();
        simulator.start(root, Map.of("simulator.expected-api-key", providerKey), Map.of());
        usage.start(root, Map.of("switchboard.internal.token", token,
                "kafka.bootstrap.servers", infra.kafkaBootstrap(),
                "quarkus.datasource.username", infra.pgUser(),
                "quarkus.datasource.password", infra.pgPassword(),
                "quarkus.datasource.reactive.url", infra.reactiveUrl(Infrastructure.DATABASE),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(Infrastructure.DATABASE),
                // its own consumer group, so that a local stack running beside the tests does not share partitions
                "mp.messaging.incoming.switchboard-usage-v1.group.id", usageGroup), Map.of());
        reports.start(root, Map.of("switchboard.internal.token", token, "switchboard.usage.url", usage.url()),
                Map.of());
        policy.start(root, Map.of("switchboard.internal.token", token, "switchboard.policy.bootstrap-file", bootstrap),
                Map.of());
        routing.start(root, Map.of("switchboard.internal.token", token, "switchboard.policy.bootstrap-file", bootstrap,
                "kafka.bootstrap.servers", infra.kafkaBootstrap(), "quarkus.redis.hosts", infra.redisUrl()),
                Map.of("E2E_SIM_KEY", providerKey));
        gateway.start(root, Map.of("switchboard.internal.token", token, "switchboard.policy.bootstrap-file", bootstrap,
                "kafka.bootstrap.servers", infra.kafkaBootstrap(), "quarkus.redis.hosts", infra.redisUrl(),
                "switchboard.routing.url", routing.url(), "switchboard.reports.url", reports.url()), Map.of());

        Duration timeout = Duration.ofSeconds(90);
        for (ServiceProcess service : all) {
            service.awaitReady(http, timeout);
        }
    }

    private String policyYaml() {
        String sim = "http://127.0.0.1:" + simulator.port() + "/v1";
        StringBuilder clientProviders = new StringBuilder();
        StringBuilder clientGroups = new StringBuilder();
        for (ClientTarget target : ClientTarget.values()) {
            clientProviders.append(target.providerYaml(sim));
            clientGroups.append(target.groupsYaml());
        }
        return """
                version: e2e-1
                providers:
                  sim:
                    base_url: %1$s
                    dialect: openai-chat
                    api_key_env: E2E_SIM_KEY
                    models:
                      echo:
                        model: sim-echo
                        input_price_per_million_usd: 2.0
                        output_price_per_million_usd: 8.0
                        pricing_source: e2e-fixture
                      flaky:
                        model: sim-fail-500
                        input_price_per_million_usd: 100
                        output_price_per_million_usd: 100
                      limited:
                        model: sim-429
                  sim-backup:
                    base_url: %1$s
                    dialect: openai-chat
                    api_key: ${E2E_SIM_KEY}
                    models:
                      echo:
                        model: sim-echo
                        input_price_per_million_usd: 3.0
                        output_price_per_million_usd: 12.0
                %8$s
                models:
                  default:
                    strategy: failover
                    targets:
                      - {provider: sim, model_ref: echo}
                  resilient:
                    strategy: failover
                    targets:
                      - {provider: sim, model_ref: flaky}
                      - {provider: sim-backup, model_ref: echo}
                  secret:
                    strategy: static
                    targets:
                      - {provider: sim, model_ref: echo}
                %9$s
                callers:
                  - id: e2e-main
                    owner_user: erin
                    project: e2e
                    environment: test
                    token_id: %2$s
                    token_sha256: %3$s
                    allow: [%10$s]
                  - id: e2e-other
                    owner_user: oscar
                    project: e2e
                    environment: test
                    token_id: %4$s
                    token_sha256: %5$s
                    allow: [default]
                  - id: e2e-disabled
                    owner_user: dora
                    project: e2e
                    environment: test
                    status: disabled
                    token_id: %6$s
                    token_sha256: %7$s
                    allow: [default]
                """.formatted(sim, caller.tokenId(), caller.sha256(), otherCaller.tokenId(), otherCaller.sha256(),
                disabledCaller.tokenId(), disabledCaller.sha256(), clientProviders.toString().stripTrailing(),
                clientGroups.toString().stripTrailing(),
                String.join(", ", mainCallerGroups()));
    }

    /** The groups {@link #caller} may use: the original two and every client-test group. */
    static List<String> mainCallerGroups() {
        List<String> groups = new ArrayList<>(List.of("default", "resilient"));
        groups.addAll(ClientTarget.groups());
        return List.copyOf(groups);
    }

    /** Every secret the suite was given: none of them may appear in a log, a row or an error. */
    List<String> secrets() {
        return List.of(caller.token(), caller.sha256(), otherCaller.token(), otherCaller.sha256(), providerKey,
                internalToken);
    }

    List<ServiceProcess> services() {
        return all;
    }

    @Override
    public void close() throws Exception {
        if (all == null) {
            return;
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
