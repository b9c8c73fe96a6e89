package dev.switchboard.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.dialect.Dialect;

class PolicySetsTest {

    static String validYaml() throws IOException {
        try (InputStream in = PolicySetsTest.class.getResourceAsStream("/valid-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> violations(String yaml) {
        try {
            PolicySets.compile(yaml);
        } catch (InvalidPolicyException e) {
            return e.violations().stream().map(PolicyViolation::toString).toList();
        }
        throw new AssertionError("expected the policy set to be rejected");
    }

    @Test
    void compilesAndIndexesAValidSet() throws IOException {
        CompiledPolicy policy = PolicySets.compile(validYaml());

        assertThat(policy.version()).isEqualTo("test-1");
        assertThat(policy.fingerprint()).startsWith("sha256:");
        assertThat(policy.groupNames()).containsExactly("default", "fast");
        // hashes are matched case-insensitively: "test" hashes to the lowercase form of the configured value
        assertThat(policy.callerByToken("test")).get().extracting(Caller::id).isEqualTo("team-a");
        assertThat(policy.callerByToken("other")).isEmpty();

        List<ResolvedTarget> targets = policy.targets("default");
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).dialect()).isEqualTo(Dialect.OPENAI_CHAT);
        assertThat(targets.get(0).model().model()).isEqualTo("sim-echo");
        assertThat(targets.get(0).provider().keyEnvironmentVariable()).isEqualTo("SIM_API_KEY");
        assertThat(targets.get(1).dialect()).isEqualTo(Dialect.ANTHROPIC_MESSAGES);
        assertThat(targets.get(1).attemptTimeoutMs()).isEqualTo(5000);
        assertThat(policy.targets("fast").get(1).attemptTimeoutMs()).isEqualTo(2000);
        assertThat(policy.targets("fast").get(0).weight()).isEqualTo(3);
    }

    @Test
    void reportsEveryViolationWithItsPath() throws IOException {
        String yaml = validYaml()
                .replace("- provider: backup\n        model_ref: small\n        attempt_timeout_ms: 5000",
                        "- provider: nowhere\n        model_ref: small")
                .replace("allow: [default]", "allow: [default, ghost]")
                .replace("default_model_group: default", "default_model_group: missing");

        assertThat(violations(yaml)).containsExactlyInAnyOrder(
                "models.default.targets[1].provider: unknown provider 'nowhere'",
                "callers[0].allow[1]: unknown model group 'ghost'",
                "server.default_model_group: unknown model group 'missing'");
    }

    @Test
    void refusesLiteralProviderKeysWithoutEchoingThem() throws IOException {
        String yaml = validYaml().replace("${SIM_API_KEY}", "sk-live-very-secret");

        List<String> problems = violations(yaml);
        assertThat(problems).containsExactly(
                "providers.sim.api_key: literal keys are not allowed; use ${ENV_VAR} or api_key_env");
        assertThat(String.join(" ", problems)).doesNotContain("sk-live");
    }

    @Test
    void duplicateTokenHashesNameCallersNotHashes() throws IOException {
        String second = """
                  - id: team-b
                    owner_user: bob
                    project: checkout
                    environment: prod
                    token_id: sbk_team-b
                    token_sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                    allow: [fast]
                """;
        List<String> problems = violations(validYaml() + second);

        assertThat(problems).containsExactly("callers[1].token_sha256: same token hash as caller 'team-a'");
    }

    @Test
    void unknownFieldsAndWrongTypesArePrecise() throws IOException {
        assertThat(violations(validYaml().replace("strategy: weighted", "strategy: weighted\n    stratgey: x")))
                .containsExactly("models.fast.stratgey: unknown field 'stratgey'");
        assertThat(violations(validYaml().replace("weight: 3", "weight: lots")))
                .containsExactly("models.fast.targets[0].weight: wrong type, expected an integer");
        assertThat(violations("version: 'unterminated\nproviders: {}")).singleElement().asString()
                .startsWith("malformed YAML at line");
        assertThat(violations("   ")).containsExactly("policy set is empty");
    }

    @Test
    void strategyRules() throws IOException {
        assertThat(violations(validYaml().replace("strategy: failover", "strategy: static")))
                .containsExactly("models.default.targets: strategy 'static' takes exactly one target");
        assertThat(violations(validYaml().replace("weight: 3", "weight: 0").replace("weight: 1}", "weight: 0}")))
                .containsExactly("models.fast.targets: strategy 'weighted' needs at least one target with weight > 0");
        assertThat(violations(validYaml().replace("strategy: failover", "strategy: clever")))
                .containsExactly("models.default.strategy: unknown strategy 'clever' (static, failover, weighted)");
    }

    @Test
    void targetOutputCapsOverrideTheCatalogue() throws IOException {
        String yaml = validYaml().replace("        attempt_timeout_ms: 5000",
                "        attempt_timeout_ms: 5000\n        max_output_tokens: 1024\n        over_cap: reroute");
        ResolvedTarget backup = PolicySets.compile(yaml).targets("default").get(1);
        assertThat(backup.maxOutputTokens()).isEqualTo(1024);
        assertThat(backup.rerouteOverCap()).isTrue();
        assertThat(PolicySets.compile(validYaml()).targets("default").get(0).rerouteOverCap()).isFalse();

        assertThat(violations(yaml.replace("over_cap: reroute", "over_cap: shrug")))
                .containsExactly("models.default.targets[1].over_cap: must be 'clamp' or 'reroute'");
    }

    @Test
    void callerFieldsAreRequired() throws IOException {
        String yaml = validYaml().replace("    owner_user: alice\n", "").replace("token_sha256: 9F86",
                "token_sha256: ZZ86");
        assertThat(violations(yaml)).containsExactlyInAnyOrder("callers[0].owner_user: required",
                "callers[0].token_sha256: must be 64 hexadecimal characters");
    }
}
