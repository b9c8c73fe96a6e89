package dev.switchboard.usage.store;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A shaping or backoff decision taken for a request, table {@code request_upstream_shape_events}. */
@Entity
@Table(name = "request_upstream_shape_events")
@IdClass(ShapeEventRow.Key.class)
public class ShapeEventRow {

    @Id
    @Column(name = "request_id")
    private String requestId;
    @Id
    private int seq;
    private OffsetDateTime ts;
    private String scope;
    private String provider;
    @Column(name = "model_ref")
    private String modelRef;
    private String model;
    private String dialect;
    private String bucket;
    private String decision;
    @Column(name = "retry_after_ms")
    private Long retryAfterMs;
    @Column(name = "backoff_reason")
    private String backoffReason;

    protected ShapeEventRow() {
    }

    public String getRequestId() {
        return requestId;
    }

    public int getSeq() {
        return seq;
    }

    public OffsetDateTime getTs() {
        return ts;
    }

    public String getScope() {
        return scope;
    }

    public String getProvider() {
        return provider;
    }

    public String getModelRef() {
        return modelRef;
    }

    public String getModel() {
        return model;
    }

    public String getDialect() {
        return dialect;
    }

    public String getBucket() {
        return bucket;
    }

    public String getDecision() {
        return decision;
    }

    public Long getRetryAfterMs() {
        return retryAfterMs;
    }

    public String getBackoffReason() {
        return backoffReason;
    }

    public static class Key implements Serializable {
        private String requestId;
        private int seq;

        public Key() {
        }

        public Key(String requestId, int seq) {
            this.requestId = requestId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(requestId, k.requestId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, seq);
        }
    }
}
