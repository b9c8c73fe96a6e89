package dev.switchboard.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class AnswerDeadlineTest {

    private static final long TIMEOUT_MS = 50;
    private static final long TIMEOUT = Duration.ofMillis(TIMEOUT_MS).toNanos();
    private static final long MAX_WAIT = Duration.ofMillis(400).toNanos();

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void withNoAnswerFromRedisItExpiresAfterTheTimeout() throws Exception {
        assertThat(expiresAfter(sent -> sent - TimeUnit.MINUTES.toNanos(1))).isBetween(Duration.ofMillis(45),
                Duration.ofMillis(300));
    }

    @Test
    void whileRedisKeepsAnsweringOtherCommandsItWaitsUpToTheMaximum() throws Exception {
        assertThat(expiresAfter(sent -> System.nanoTime())).isBetween(Duration.ofMillis(390), Duration.ofMillis(900));
    }

    @Test
    void answersThatStoppedDoNotKeepItWaiting() throws Exception {
        // one answer after this admission was sent, then silence: the first check (at 50 ms) finds it recent and
        // waits, the second (at 100 ms) finds it older than the timeout. The answer comes 10 ms before the first
        // check, so a timer that fires late (a loaded CI machine) still finds it recent, up to 40 ms late; from
        // 20 ms late, the late-loop rule waits as well.
        assertThat(expiresAfter(sent -> sent + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS - 10)))
                .isBetween(Duration.ofMillis(90), Duration.ofMillis(350));
    }

    @Test
    void aCheckThatRunsLateMeansTheReplicaIsBehindAndItWaitsOneTimeoutMore() throws Exception {
        CompletableFuture<Long> expired = new CompletableFuture<>();
        long[] sent = new long[1];
        vertx.runOnContext(v -> {
            sent[0] = System.nanoTime();
            new AnswerDeadline(vertx, TIMEOUT, MAX_WAIT, () -> sent[0] - TimeUnit.MINUTES.toNanos(1),
                    () -> expired.complete(System.nanoTime()));
            // the event loop is busy past the deadline's time: a cold JVM under load
            sleep(150);
        });
        Duration waited = Duration.ofNanos(expired.get(5, TimeUnit.SECONDS) - sent[0]);
        // the late check (at 150 ms) waits one more timeout; the next one, on time, expires
        assertThat(waited).isBetween(Duration.ofMillis(195), Duration.ofMillis(400));
    }

    @Test
    void anAnswerInTimeCancelsIt() throws Exception {
        CompletableFuture<Long> expired = new CompletableFuture<>();
        vertx.runOnContext(v -> new AnswerDeadline(vertx, TIMEOUT, MAX_WAIT, System::nanoTime,
                () -> expired.complete(System.nanoTime())).cancel());
        Thread.sleep(3 * TIMEOUT_MS);
        assertThat(expired).isNotDone();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param lastAnswer when Redis last answered, given the time the admission was sent */
    private Duration expiresAfter(LongUnaryOperator lastAnswer) throws Exception {
        CompletableFuture<Long> expired = new CompletableFuture<>();
        long[] sent = new long[1];
        vertx.runOnContext(v -> {
            sent[0] = System.nanoTime();
            new AnswerDeadline(vertx, TIMEOUT, MAX_WAIT, () -> lastAnswer.applyAsLong(sent[0]),
                    () -> expired.complete(System.nanoTime()));
        });
        return Duration.ofNanos(expired.get(5, TimeUnit.SECONDS) - sent[0]);
    }
}
