package dev.switchboard.routing.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.ShapeEventRecord;

/**
 * What happened to one request in routing, collected as it happens and turned into exactly one usage event at the
 * end. Mutated on the request's event loop only; read by the accounting step once {@link #close} succeeded.
 */
public final class RequestTrace {

    public static final String SCOPE_PROVIDER_MODEL = "provider_model";
    public static final String BUCKET_ADAPTIVE_BACKOFF = "adaptive_backoff";

    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<AttemptRecord> attempts = new ArrayList<>(2);
    private final List<ShapeEventRecord> shapeEvents = new ArrayList<>(0);
    private String policyVersion;
    private String strategy;
    private ResolvedTarget target;
    private long decisionNanos = -1;
    private Long firstByteAtMs;
    private long upstreamMs;
    private boolean anyUpstream;
    private TokenUsage usage;
    private CharSequence outputText;
    private BigDecimal reportedCostUsd;
    private String outputCapAction;
    private boolean answered;
    private int status;
    private String errorType;
    private String errorClass;
    private String errorMessage;
    private boolean retryable;

    public void policyVersion(String version) {
        this.policyVersion = version;
    }

    public void strategy(String strategy) {
        this.strategy = strategy;
    }

    /** The routing decision is made: eligibility, backoff and strategy took this long. */
    public void decided() {
        if (decisionNanos < 0) {
            decisionNanos = System.nanoTime() - startNanos;
        }
    }

    public void attempt(AttemptRecord record, ResolvedTarget target, long durationMs) {
        attempts.add(record);
        this.target = target;
        upstreamMs += durationMs;
        anyUpstream = true;
    }

    public void shapeEvent(ResolvedTarget target, String decision, Long retryAfterMs, String reason) {
        shapeEvents.add(new ShapeEventRecord(shapeEvents.size() + 1, Instant.now(), SCOPE_PROVIDER_MODEL,
                target.providerName(), target.modelRef(), target.model().model(), target.dialect().wireName(),
                BUCKET_ADAPTIVE_BACKOFF, decision, retryAfterMs, reason));
    }

    public void firstByteSent() {
        if (firstByteAtMs == null) {
            firstByteAtMs = System.currentTimeMillis();
        }
    }

    /** Token evidence of the attempt whose answer reached the caller. */
    public void answer(ResolvedTarget target, TokenUsage usage, CharSequence outputText, BigDecimal reportedCostUsd) {
        this.answered = true;
        this.target = target;
        this.usage = usage;
        this.outputText = outputText;
        this.reportedCostUsd = reportedCostUsd;
    }

    /** {@code clamped} or {@code rerouted}: what became of the caller's output cap for the serving target. */
    public void outputCapAction(String action) {
        this.outputCapAction = action;
    }

    public void outcome(int status) {
        this.status = status;
    }

    public void failure(int status, String errorType, String errorClass, String message, boolean retryable) {
        this.status = status;
        this.errorType = errorType;
        this.errorClass = errorClass;
        this.errorMessage = message;
        this.retryable = retryable;
    }

    public void failure(GatewayError error, String errorClass, boolean retryable) {
        failure(error.status(), error.type().type(), errorClass, error.message(), retryable);
    }

    /** @return true exactly once: the caller that gets true publishes the event */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    public boolean isClosed() {
        return closed.get();
    }

    public long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    public String policyVersion() {
        return policyVersion;
    }

    public String strategy() {
        return strategy;
    }

    public ResolvedTarget target() {
        return target;
    }

    public long decisionNanos() {
        return decisionNanos;
    }

    public Long firstByteAtMs() {
        return firstByteAtMs;
    }

    public Long upstreamMs() {
        return anyUpstream ? upstreamMs : null;
    }

    public List<AttemptRecord> attempts() {
        return attempts;
    }

    public List<ShapeEventRecord> shapeEvents() {
        return shapeEvents;
    }

    public boolean answered() {
        return answered;
    }

    public TokenUsage usage() {
        return usage;
    }

    public CharSequence outputText() {
        return outputText;
    }

    public BigDecimal reportedCostUsd() {
        return reportedCostUsd;
    }

    public String outputCapAction() {
        return outputCapAction;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String errorClass() {
        return errorClass;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public boolean retryable() {
        return retryable;
    }
}
