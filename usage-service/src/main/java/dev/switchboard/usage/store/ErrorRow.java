package dev.switchboard.usage.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The sanitised terminal error of a failed request, table {@code request_errors}. */
@Entity
@Table(name = "request_errors")
public class ErrorRow {

    @Id
    @Column(name = "request_id")
    private String requestId;
    private OffsetDateTime ts;
    private int status;
    @Column(name = "error_type")
    private String errorType;
    @Column(name = "error_class")
    private String errorClass;
    @Column(name = "error_message")
    private String errorMessage;
    private boolean retryable;
    private int attempts;
    private String provider;
    private String model;
    private String dialect;

    protected ErrorRow() {
    }

    public String getRequestId() {
        return requestId;
    }

    public OffsetDateTime getTs() {
        return ts;
    }

    public int getStatus() {
        return status;
    }

    public String getErrorType() {
        return errorType;
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

    public int getAttempts() {
        return attempts;
    }

    public String getProvider() {
        return provider;
    }

    public String getModel() {
        return model;
    }

    public String getDialect() {
        return dialect;
    }
}
