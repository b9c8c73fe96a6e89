package dev.switchboard.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void unknownAndRealModelsEcho() {
        assertThat(Scenarios.forModel("gpt-4o-mini")).isEqualTo(Scenarios.ECHO);
        assertThat(Scenarios.forModel("sim-nonsense")).isEqualTo(Scenarios.ECHO);
        assertThat(Scenarios.forModel(null)).isEqualTo(Scenarios.ECHO);
    }

    @Test
    void modelNamesAScenarioAndMayCarryALabel() {
        assertThat(Scenarios.forModel("sim-429").behaviour()).isEqualTo(Behaviour.FAIL);
        assertThat(Scenarios.forModel("sim-429").failure().status()).isEqualTo(429);
        assertThat(Scenarios.forModel("sim-429:eu-west").name()).isEqualTo("sim-429");
        assertThat(Scenarios.forModel("sim-hang").behaviour()).isEqualTo(Behaviour.HANG);
    }

    @Test
    void headerWinsOverModel() {
        assertThat(Scenarios.select("sim-fail-503", "sim-echo").name()).isEqualTo("sim-fail-503");
        assertThat(Scenarios.select(" sim-echo ", "sim-fail-500").name()).isEqualTo("sim-echo");
        assertThat(Scenarios.select(null, "sim-fail-500").name()).isEqualTo("sim-fail-500");
        assertThat(Scenarios.select("", "sim-fail-500").name()).isEqualTo("sim-fail-500");
    }

    @Test
    void unknownHeaderIsRejectedRatherThanEchoed() {
        assertThatThrownBy(() -> Scenarios.select("sim-fail-5000", "gpt-4o"))
                .isInstanceOfSatisfying(Failure.Rejected.class, e -> {
                    assertThat(e.failure().status()).isEqualTo(400);
                    assertThat(e.failure().param()).isEqualTo("x-sim-scenario");
                });
    }

    @Test
    void statusScenariosCoverEvery4xxAnd5xx() {
        Scenario s502 = Scenarios.byName("sim-status-502").orElseThrow();
        assertThat(s502.failure().status()).isEqualTo(502);
        assertThat(s502.failure().kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(Scenarios.byName("sim-status-413").orElseThrow().failure().kind())
                .isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(Scenarios.byName("sim-status-200")).isEmpty();
        assertThat(Scenarios.byName("sim-status-600")).isEmpty();
        assertThat(Scenarios.byName("sim-status-5x0")).isEmpty();
        assertThat(Scenarios.forModel("sim-status-504:b").failure().status()).isEqualTo(504);
    }

    @Test
    void catalogueNamesAreUniqueAndPrefixed() {
        assertThat(Scenarios.known()).extracting(Scenario::name)
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).startsWith("sim-"))
                .contains("sim-echo", "sim-fail-500", "sim-fail-503", "sim-429", "sim-quota-402",
                        "sim-bad-request-400", "sim-unauthorized-401", "sim-hang", "sim-stream-cut", "sim-slow");
    }
}
