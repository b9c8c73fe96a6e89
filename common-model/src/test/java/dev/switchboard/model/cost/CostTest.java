package dev.switchboard.model.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.switchboard.model.policy.CatalogModel;

class CostTest {

    @Test
    void pricesPerMillionTokens() {
        CatalogModel model = new CatalogModel("m", null, new BigDecimal("2.50"), new BigDecimal("10"), null, null, null,
                null, null, null, null, null, null);

        Cost cost = Cost.of(model, 1000, 500);

        assertThat(cost.inputUsd()).isEqualByComparingTo("0.0025");
        assertThat(cost.outputUsd()).isEqualByComparingTo("0.005");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0075");
        assertThat(Cost.of(model, 1, 0).inputUsd()).isEqualByComparingTo("0.0000025");
    }
}
