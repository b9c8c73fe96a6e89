package dev.switchboard.simulator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimStatsTest {

    @Test
    void countsAndResets() {
        SimStats stats = new SimStats();
        stats.recordArrival("req-1", true);
        stats.recordArrival("req-2", false);
        assertThat(stats.recordScenario("gpt-4o", "sim-echo")).isEqualTo(1);
        assertThat(stats.recordScenario("gpt-4o", "sim-echo")).isEqualTo(2);
        stats.recordScenario(null, "sim-flaky");
        stats.recordCancelled();
        stats.recordFinished();

        SimStats.Snapshot s = stats.snapshot();
        assertThat(s.requestsTotal()).isEqualTo(2);
        assertThat(s.byModel()).containsExactlyEntriesOf(java.util.Map.of("gpt-4o", 2L));
        assertThat(s.byScenario()).containsEntry("sim-echo", 2L).containsEntry("sim-flaky", 1L);
        assertThat(s.lastRequestId()).isEqualTo("req-2");
        assertThat(s.lastAuthorizationPresent()).isFalse();
        assertThat(s.inFlight()).isEqualTo(1);
        assertThat(s.cancelledTotal()).isEqualTo(1);

        stats.reset();
        SimStats.Snapshot after = stats.snapshot();
        assertThat(after.requestsTotal()).isZero();
        assertThat(after.byModel()).isEmpty();
        assertThat(after.byScenario()).isEmpty();
        assertThat(after.lastRequestId()).isNull();
        assertThat(after.cancelledTotal()).isZero();
        assertThat(after.inFlight()).as("still-open requests survive a reset").isEqualTo(1);
        assertThat(stats.recordScenario("gpt-4o", "sim-echo")).isEqualTo(1);
    }

    @Test
    void modelKeysAreCapped() {
        SimStats stats = new SimStats();
        for (int i = 0; i < SimStats.MAX_KEYS + 50; i++) {
            stats.recordScenario("model-" + i, "sim-echo");
        }
        SimStats.Snapshot s = stats.snapshot();
        assertThat(s.byModel()).hasSize(SimStats.MAX_KEYS + 1).containsEntry(SimStats.OTHER_KEY, 50L);
        assertThat(s.byScenario()).containsEntry("sim-echo", (long) SimStats.MAX_KEYS + 50);
    }

    @Test
    void longRequestIdsAreTruncated() {
        SimStats stats = new SimStats();
        stats.recordArrival("r".repeat(500), true);
        assertThat(stats.snapshot().lastRequestId()).hasSize(128);
    }
}
