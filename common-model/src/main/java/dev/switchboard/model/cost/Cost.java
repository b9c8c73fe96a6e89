package dev.switchboard.model.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import dev.switchboard.model.policy.CatalogModel;

/** Request-time cost in USD from the serving target's price snapshot. */
public record Cost(BigDecimal inputUsd, BigDecimal outputUsd, BigDecimal totalUsd) {

    public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Ten decimal places: a single token of the cheapest models still costs a visible amount. */
    private static final int SCALE = 10;

    public static Cost of(CatalogModel model, long inputTokens, long outputTokens) {
        BigDecimal in = price(model.inputPricePerMillionUsd(), inputTokens);
        BigDecimal out = price(model.outputPricePerMillionUsd(), outputTokens);
        return new Cost(in, out, in.add(out));
    }

    private static BigDecimal price(BigDecimal perMillion, long tokens) {
        return perMillion.multiply(BigDecimal.valueOf(tokens), MathContext.DECIMAL64)
                .divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }
}
