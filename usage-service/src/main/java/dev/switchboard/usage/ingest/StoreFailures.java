package dev.switchboard.usage.ingest;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/** Tells data the database refuses (dead-letter the event) from outages (try again, never drop). */
final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * SQLSTATE class 22 (data exception, e.g. a NUL character in text or a numeric overflow) and 23 (integrity
     * violation) come from the event itself: writing it again cannot succeed.
     */
    static boolean isCausedByData(Throwable failure) {
        return sqlState(failure).map(s -> s.startsWith("22") || s.startsWith("23")).orElse(false);
    }

    /**
     * Worth writing again: neither the event's content (SQLSTATE 22/23) nor a defect of this service. A
     * {@link ClassCastException}, {@link IllegalArgumentException} or {@link NullPointerException} without a SQLSTATE
     * comes from turning events into rows before any SQL is sent; trying again cannot help, and trying forever would
     * stall ingestion without a sign. Such a failure fails the batch instead, which stops the channel and fails
     * liveness.
     */
    static boolean isOutage(Throwable failure) {
        return !isCausedByData(failure) && !isDefect(failure);
    }

    static boolean isDefect(Throwable failure) {
        return sqlState(failure).isEmpty() && causes(failure).anyMatch(t -> t instanceof ClassCastException
                || t instanceof IllegalArgumentException || t instanceof NullPointerException);
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    static Optional<String> sqlState(Throwable failure) {
        return causes(failure).map(StoreFailures::ownSqlState).filter(Objects::nonNull).findFirst();
    }

    private static String ownSqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        } else if (t instanceof JDBCException jdbc) {
            return jdbc.getSQLState();
        } else if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    /** Safe for logs and headers: exception class and SQLSTATE only, never the driver's message (it may quote data). */
    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + sqlState(failure).map(s -> " sqlstate " + s).orElse("");
    }
}
