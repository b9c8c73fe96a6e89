package dev.switchboard.routing.usage;

import static dev.switchboard.routing.support.Calls.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.core.Vertx;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.policy.PolicyHolder;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.UsageSink;

/**
 * The accounting step stays on the event loop unless it must count tokens, and publishes exactly one event per
 * request either way.
 */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class UsageRecorderTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    UsageRecorder recorder;

    @Inject
    PolicyHolder policies;

    @Inject
    Vertx vertx;

    @Test
    void withUpstreamUsageTheEventIsPublishedOnTheEventLoopBeforeFinishReturns() throws Exception {
        String id = newRequestId();
        RouteRequest request = request(id);
        RequestTrace trace = answered(new TokenUsage(12, 5, 0, true), "Hello world");
        assertThat(UsageAssembler.needsCounting(trace)).isFalse();

        CompletableFuture<Integer> publishedBeforeReturn = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            recorder.finish(request, trace, "plain");
            recorder.finish(request, trace, "plain");
            publishedBeforeReturn.complete(UsageSink.messagesFor(connector, id).size());
        });

        assertThat(publishedBeforeReturn.get(5, TimeUnit.SECONDS)).as("no hop to a worker").isEqualTo(1);
        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.tokenSource()).isEqualTo("upstream");
        assertThat(event.totalTokens()).isEqualTo(17);
        assertExactlyOne(id);
    }

    @Test
    void withoutUpstreamUsageTheTokensAreCountedOffTheEventLoopAndPublishedOnce() throws Exception {
        String id = newRequestId();
        RouteRequest request = request(id);
        RequestTrace trace = answered(null, "Hello world");
        assertThat(UsageAssembler.needsCounting(trace)).isTrue();

        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            recorder.finish(request, trace, "plain");
            recorder.finish(request, trace, "plain");
            finished.complete(null);
        });
        finished.get(5, TimeUnit.SECONDS);

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.tokenSource()).isEqualTo("estimated");
        assertThat(event.inputTokens()).as("the gateway's estimate").isEqualTo(9);
        assertThat(event.outputTokens()).isEqualTo(TokenCounter.count("Hello world"));
        assertExactlyOne(id);
    }

    @Test
    void onlyAnAnswerWithTextAndNoReportedUsageNeedsCounting() {
        assertThat(UsageAssembler.needsCounting(new RequestTrace())).as("no answer reached the caller").isFalse();
        assertThat(UsageAssembler.needsCounting(answered(null, ""))).as("nothing to count").isFalse();
        assertThat(UsageAssembler.needsCounting(answered(new TokenUsage(0, 0, 0, false), "text"))).isTrue();
        assertThat(UsageAssembler.needsCounting(answered(new TokenUsage(3, 1, 0, true), "text"))).isFalse();
    }

    private void assertExactlyOne(String id) {
        // a second event would come from the same (synchronous or worker) step: give it the time to show up
        UsageSink.sleep(200);
        assertThat(UsageSink.messagesFor(connector, id)).as("exactly one event per request").hasSize(1);
    }

    private RequestTrace answered(TokenUsage usage, String text) {
        RequestTrace trace = new RequestTrace();
        trace.strategy("static");
        trace.answer(policies.current().orElseThrow().targets("plain").get(0), usage, text, null);
        trace.outcome(200);
        return trace;
    }

    private static RouteRequest request(String id) {
        return new RouteRequest(id, Dialect.OPENAI_CHAT, "plain", "plain", false, "team-a", null, null, null, null,
                null, System.currentTimeMillis(), 9L, null, null, null);
    }
}
