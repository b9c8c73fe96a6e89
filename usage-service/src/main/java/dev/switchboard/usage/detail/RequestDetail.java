package dev.switchboard.usage.detail;

import java.util.List;

import dev.switchboard.usage.store.AttemptRow;
import dev.switchboard.usage.store.ErrorRow;
import dev.switchboard.usage.store.RequestRow;
import dev.switchboard.usage.store.ShapeEventRow;

/** Everything stored about one request: the drill-down behind a report line. */
public record RequestDetail(RequestRow request, List<AttemptRow> attempts, List<ShapeEventRow> shapeEvents,
        ErrorRow error) {
}
