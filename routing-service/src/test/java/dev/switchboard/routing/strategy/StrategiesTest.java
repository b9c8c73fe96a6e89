package dev.switchboard.routing.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.Provider;
import dev.switchboard.model.policy.ResolvedTarget;

class StrategiesTest {

    static ResolvedTarget target(String ref, int weight, int index) {
        CatalogModel model = new CatalogModel("up-" + ref, null, BigDecimal.ONE, BigDecimal.ONE, null, null, null,
                null, null, null, null, null, null);
        Provider provider = new Provider("http://127.0.0.1:1/v1", "openai-chat", null, null, null, null,
                Map.of(ref, model));
        return new ResolvedTarget("g", index, "p", provider, ref, model, Dialect.OPENAI_CHAT, weight, 0, null, false);
    }

    private final ResolvedTarget a = target("a", 3, 0);
    private final ResolvedTarget b = target("b", 1, 1);
    private final ResolvedTarget zero = target("z", 0, 2);

    @Test
    void failoverKeepsListedOrder() {
        assertThat(new FailoverStrategy().order(List.of(a, b, zero), new Random(1))).containsExactly(a, b, zero);
    }

    @Test
    void staticUsesItsOnlyTarget() {
        assertThat(new StaticStrategy().order(List.of(a), new Random(1))).containsExactly(a);
    }

    @Test
    void weightedSplitsFirstPicksByWeightAndNeverPicksWeightZeroFirst() {
        WeightedStrategy weighted = new WeightedStrategy();
        Random random = new Random(42);
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 8_000; i++) {
            List<ResolvedTarget> order = weighted.order(List.of(a, b, zero), random);
            assertThat(order).hasSize(3).containsExactlyInAnyOrder(a, b, zero);
            assertThat(order.get(2)).as("weight 0 is only ever the last fallback").isEqualTo(zero);
            firsts.merge(order.get(0).modelRef(), 1, Integer::sum);
        }
        assertThat(firsts).doesNotContainKey("z");
        // 3:1 → 75 % ± 2 %
        assertThat(firsts.get("a") / 8_000.0).isBetween(0.73, 0.77);
    }

    @Test
    void weightedFallbacksFollowDescendingWeight() {
        ResolvedTarget light = target("light", 1, 0);
        ResolvedTarget heavy = target("heavy", 5, 1);
        ResolvedTarget medium = target("medium", 2, 2);
        // find a draw whose first pick is the light target: the rest must then be heavy, medium
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            List<ResolvedTarget> order = new WeightedStrategy().order(List.of(light, heavy, medium), random);
            if (order.get(0) == light) {
                assertThat(order).containsExactly(light, heavy, medium);
                return;
            }
        }
        throw new AssertionError("light target never drawn first");
    }
}
