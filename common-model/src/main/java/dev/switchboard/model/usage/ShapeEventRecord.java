package dev.switchboard.model.usage;

import java.time.Instant;

/**
 * A provider/model/target shaping or backoff decision taken for the request (table
 * {@code request_upstream_shape_events}).
 *
 * @param decision {@code admitted}, {@code skipped}, {@code rejected} or {@code cooldown_started}
 */
public record ShapeEventRecord(
        int seq,
        Instant ts,
        String scope,
        String provider,
        String modelRef,
        String model,
        String dialect,
        String bucket,
        String decision,
        Long retryAfterMs,
        String backoffReason) {
}
