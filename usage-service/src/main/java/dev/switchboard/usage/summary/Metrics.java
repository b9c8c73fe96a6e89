package dev.switchboard.usage.summary;

import java.math.BigDecimal;

/**
 * The figures every summary line carries.
 *
 * @param errors requests answered with a status of 400 or more
 * @param costUsd request-time cost as a plain decimal string (exact; JSON numbers would round it)
 * @param avgLatencyMs {@code null} when there were no requests
 */
public record Metrics(long requests, long errors, long inputTokens, long outputTokens, long totalTokens, String costUsd,
        BigDecimal avgLatencyMs, BigDecimal p95LatencyMs) {

    public static final Metrics EMPTY = new Metrics(0, 0, 0, 0, 0, "0", null, null);
}
