package dev.switchboard.usage.store;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One upstream try of a request, table {@code request_attempts}. */
@Entity
@Table(name = "request_attempts")
@IdClass(AttemptRow.Key.class)
public class AttemptRow {

    @Id
    @Column(name = "request_id")
    private String requestId;
    @Id
    @Column(name = "attempt_index")
    private int attemptIndex;
    private OffsetDateTime ts;
    private String provider;
    @Column(name = "model_ref")
    private String modelRef;
    private String model;
    private String dialect;
    @Column(name = "endpoint_host")
    private String endpointHost;
    @Column(name = "duration_ms")
    private long durationMs;
    @Column(name = "status_code")
    private Integer statusCode;
    @Column(name = "error_class")
    private String errorClass;
    @Column(name = "error_message")
    private String errorMessage;
    private boolean retryable;
    @Column(name = "timed_out")
    private boolean timedOut;
    @Column(name = "client_canceled")
    private boolean clientCanceled;
    private boolean selected;
    @Column(name = "fallback_reason")
    private String fallbackReason;
    @Column(name = "attempt_timeout_ms")
    private Long attemptTimeoutMs;
    @Column(name = "retry_after_ms")
    private Long retryAfterMs;

    protected AttemptRow() {
    }

    public String getRequestId() {
        return requestId;
    }

    public int getAttemptIndex() {
        return attemptIndex;
    }

    public OffsetDateTime getTs() {
        return ts;
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

    public String getEndpointHost() {
        return endpointHost;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public Integer getStatusCode() {
        return statusCode;
    }

    public String getErrorClass() {
        return errorClass;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public boolean isRetryable() {
        return retryable;
    }

    public boolean isTimedOut() {
        return timedOut;
    }

    public boolean isClientCanceled() {
        return clientCanceled;
    }

    public boolean isSelected() {
        return selected;
    }

    public String getFallbackReason() {
        return fallbackReason;
    }

    public Long getAttemptTimeoutMs() {
        return attemptTimeoutMs;
    }

    public Long getRetryAfterMs() {
        return retryAfterMs;
    }

    public static class Key implements Serializable {
        private String requestId;
        private int attemptIndex;

        public Key() {
        }

        public Key(String requestId, int attemptIndex) {
            this.requestId = requestId;
            this.attemptIndex = attemptIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && attemptIndex == k.attemptIndex && Objects.equals(requestId, k.requestId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, attemptIndex);
        }
    }
}
