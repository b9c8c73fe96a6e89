package dev.switchboard.usage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class StoreFailuresTest {

    @Test
    void theEventsContentIsDeadLetteredAnOutageRetriedADefectFailsTheBatch() {
        PgException nul = new PgException("invalid byte sequence", "ERROR", "22021", "detail");
        PgException duplicate = new PgException("violates constraint", "ERROR", "23503", "detail");
        PgException shutdown = new PgException("terminating connection", "FATAL", "57P01", "detail");
        RuntimeException closed = new RuntimeException("Connection is closed");
        ClassCastException defect = new ClassCastException("java.lang.Integer cannot be cast to java.lang.Long");

        assertThat(StoreFailures.isCausedByData(nul)).isTrue();
        assertThat(StoreFailures.isCausedByData(new CompletionException(duplicate))).isTrue();
        assertThat(StoreFailures.isOutage(nul)).isFalse();

        assertThat(StoreFailures.isOutage(shutdown)).isTrue();
        assertThat(StoreFailures.isOutage(closed)).isTrue();

        assertThat(StoreFailures.isOutage(defect)).isFalse();
        assertThat(StoreFailures.isOutage(new CompletionException(defect))).isFalse();
        assertThat(StoreFailures.isOutage(new IllegalArgumentException("expected 42 values per row, got 41")))
                .isFalse();
        assertThat(StoreFailures.isCausedByData(defect)).isFalse();
        assertThat(StoreFailures.describe(defect)).isEqualTo("ClassCastException");
    }
}
