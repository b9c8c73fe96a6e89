package dev.switchboard.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.switchboard.gateway.GatewayConfig.OptimisticConfig;

class CallerUsageViewTest {

    static final OptimisticConfig CONFIG = new OptimisticConfig() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int minLimit() {
            return 100;
        }

        @Override
        public double headroom() {
            return 0.1;
        }

        @Override
        public Duration maxStaleness() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration writeDelay() {
            return Duration.ofMillis(5);
        }
    };

    final CallerUsageView view = new CallerUsageView();

    @Test
    void aCallerNeverObservedWaitsForRedis() {
        assertThat(view.admitsWithoutWaiting(1000, null, CONFIG, 0)).isFalse();
    }

    @Test
    void farBelowBothLimitsAdmitsAtOnceUntilTheHeadroomIsReached() {
        view.observe(880, 10, 1_000);
        assertThat(view.admitsWithoutWaiting(1000, 500, CONFIG, 1_500)).isTrue();

        for (int i = 0; i < 20; i++) {
            view.sent();
        }
        assertThat(view.admitsWithoutWaiting(1000, 500, CONFIG, 1_500))
                .as("880 known + 20 unconfirmed reaches 90% of 1000").isFalse();
        view.confirmed(1);
        assertThat(view.admitsWithoutWaiting(1000, 500, CONFIG, 1_500)).isTrue();
    }

    @Test
    void eachLimitIsJudgedOnItsOwnCounter() {
        view.observe(10, 450, 1_000);
        assertThat(view.admitsWithoutWaiting(1000, null, CONFIG, 1_000)).isTrue();
        assertThat(view.admitsWithoutWaiting(1000, 500, CONFIG, 1_000)).as("450 of 500 in flight").isFalse();
    }

    @Test
    void smallLimitsAndStaleKnowledgeAreAlwaysCheckedInRedis() {
        view.observe(0, 0, 1_000);
        assertThat(view.admitsWithoutWaiting(99, null, CONFIG, 1_000)).isFalse();
        assertThat(view.admitsWithoutWaiting(null, 10, CONFIG, 1_000)).isFalse();
        assertThat(view.admitsWithoutWaiting(1000, null, CONFIG, 2_001)).as("older than max-staleness").isFalse();
    }
}
