package dev.switchboard.model.usage;

/** The terminal error of a failed request, sanitised (table {@code request_errors}). */
public record ErrorRecord(int status, String errorType, String errorClass, String errorMessage, boolean retryable) {
}
