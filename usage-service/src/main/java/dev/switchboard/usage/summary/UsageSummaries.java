package dev.switchboard.usage.summary;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.switchboard.usage.summary.UsageSummary.DayUsage;
import dev.switchboard.usage.summary.UsageSummary.GroupUsage;
import dev.switchboard.usage.summary.UsageSummary.ProviderModelUsage;
import dev.switchboard.usage.summary.UsageSummary.StatusUsage;

/** Aggregates one caller's requests in the database: a single scan, one row per total and breakdown line. */
@ApplicationScoped
public class UsageSummaries {

    /*
     * GROUPING SETS computes the totals and the four breakdowns from one pass over the caller's rows (index on caller_id,
     * ts). grouping(...) is a bit mask of the columns rolled up in a result row, in argument order: day 16, group 8,
     * provider 4, model 2, status 1.
     */
    private static final String SQL = """
            SELECT grouping(day, resolved_group, target_provider, target_model, status),
                   day, resolved_group, target_provider, target_model, status,
                   count(*),
                   count(*) FILTER (WHERE status >= 400),
                   coalesce(sum(input_tokens), 0)::bigint,
                   coalesce(sum(output_tokens), 0)::bigint,
                   coalesce(sum(total_tokens), 0)::bigint,
                   coalesce(sum(total_cost_usd), 0),
                   round(avg(latency_ms), 1),
                   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1)
            FROM (SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, resolved_group, target_provider,
                         target_model, status, input_tokens, output_tokens, total_tokens, total_cost_usd, latency_ms
                  FROM requests
                  WHERE caller_id = ?1 AND ts >= ?2 AND ts < ?3) r
            GROUP BY GROUPING SETS ((), (day), (resolved_group), (target_provider, target_model), (status))
            """;

    private static final int TOTALS = 31;
    private static final int BY_DAY = 15;
    private static final int BY_GROUP = 23;
    private static final int BY_PROVIDER_MODEL = 25;
    private static final int BY_STATUS = 30;

    public Uni<UsageSummary> summarize(String callerId, SummaryWindow window) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(SQL, Object[].class)
                        .setParameter(1, callerId)
                        .setParameter(2, utc(window.from()))
                        .setParameter(3, utc(window.to()))
                        .getResultList()))
                .map(rows -> toSummary(callerId, window, rows));
    }

    private static UsageSummary toSummary(String callerId, SummaryWindow window, List<Object[]> rows) {
        Metrics totals = Metrics.EMPTY;
        List<DayUsage> byDay = new ArrayList<>();
        List<GroupUsage> byGroup = new ArrayList<>();
        List<ProviderModelUsage> byProviderModel = new ArrayList<>();
        List<StatusUsage> byStatus = new ArrayList<>();
        for (Object[] row : rows) {
            Metrics metrics = metrics(row);
            switch (((Number) row[0]).intValue()) {
                case TOTALS -> totals = metrics;
                case BY_DAY -> byDay.add(new DayUsage((String) row[1], metrics));
                case BY_GROUP -> byGroup.add(new GroupUsage((String) row[2], metrics));
                case BY_PROVIDER_MODEL -> byProviderModel
                        .add(new ProviderModelUsage((String) row[3], (String) row[4], metrics));
                case BY_STATUS -> byStatus.add(new StatusUsage(((Number) row[5]).intValue(), metrics));
                default -> throw new IllegalStateException("unexpected grouping " + row[0]);
            }
        }
        byDay.sort(Comparator.comparing(DayUsage::day));
        byGroup.sort(Comparator.comparingLong((GroupUsage g) -> -g.metrics().requests())
                .thenComparing(GroupUsage::group, Comparator.nullsLast(Comparator.naturalOrder())));
        byProviderModel.sort(Comparator.comparingLong((ProviderModelUsage p) -> -p.metrics().requests())
                .thenComparing(p -> p.provider() + "/" + p.model()));
        byStatus.sort(Comparator.comparingInt(StatusUsage::status));
        return new UsageSummary(callerId, window.from(), window.to(), totals, byDay, byGroup, byProviderModel,
                byStatus);
    }

    private static Metrics metrics(Object[] row) {
        return new Metrics(longValue(row[6]), longValue(row[7]), longValue(row[8]), longValue(row[9]),
                longValue(row[10]), decimal(row[11]).stripTrailingZeros().toPlainString(), decimalOrNull(row[12]),
                decimalOrNull(row[13]));
    }

    private static long longValue(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal decimal(Object value) {
        BigDecimal d = decimalOrNull(value);
        return d == null ? BigDecimal.ZERO : d;
    }

    private static BigDecimal decimalOrNull(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
