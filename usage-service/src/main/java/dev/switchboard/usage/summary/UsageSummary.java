package dev.switchboard.usage.summary;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Answer of {@code GET /internal/v1/usage/summary}; snake_case on the wire. */
public record UsageSummary(String callerId, Instant from, Instant to, Metrics totals, List<DayUsage> byDay,
        List<GroupUsage> byGroup, List<ProviderModelUsage> byProviderModel, List<StatusUsage> byStatus) {

    /** @param day UTC calendar day, {@code yyyy-MM-dd} */
    public record DayUsage(String day, @JsonUnwrapped Metrics metrics) {
    }

    /** @param group resolved model group, {@code null} for requests refused before a group was known */
    public record GroupUsage(String group, @JsonUnwrapped Metrics metrics) {
    }

    public record ProviderModelUsage(String provider, String model, @JsonUnwrapped Metrics metrics) {
    }

    public record StatusUsage(int status, @JsonUnwrapped Metrics metrics) {
    }
}
