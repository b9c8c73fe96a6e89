package dev.switchboard.routing;

import static dev.switchboard.routing.support.Calls.chat;
import static dev.switchboard.routing.support.Calls.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.model.usage.ShapeEventRecord;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.backoff.BackoffSync;
import dev.switchboard.routing.support.Calls;
import dev.switchboard.routing.support.FakeUpstream;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.UsageSink;

/** Adaptive backoff against the real Redis; only this run's keys (random prefix) are read or deleted. */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class BackoffRoutingTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    RedisDataSource redis;

    @Inject
    BackoffSync sync;

    @BeforeEach
    void clearMarks() {
        List<String> keys = redis.key().keys(RoutingTestResource.KEY_PREFIX + "*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        // the replica's mirror forgets them at its next resync; don't wait for it
        sync.resync().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void an429CoolsTheTargetDownAndTheNextRequestSkipsIt() {
        String first = newRequestId();
        Calls.route(first, chat("limited", "one")).then().statusCode(200).body("model", equalTo("up-ok-two"));

        String key = RoutingTestResource.KEY_PREFIX + "alpha/limited";
        assertThat(redis.value(String.class).get(key)).startsWith("upstream_429:");
        assertThat(redis.key().pttl(key)).isBetween(4_000L, 7_000L);
        UsageEvent firstEvent = UsageSink.await(connector, first);
        assertThat(firstEvent.attempts().get(0).errorClass()).isEqualTo("upstream_rate_limited");
        assertThat(firstEvent.attempts().get(0).retryAfterMs()).isEqualTo(7_000);
        ShapeEventRecord cooldown = firstEvent.shapeEvents().get(0);
        assertThat(cooldown.decision()).isEqualTo("cooldown_started");
        assertThat(cooldown.bucket()).isEqualTo("adaptive_backoff");
        assertThat(cooldown.backoffReason()).isEqualTo("upstream_429");
        assertThat(cooldown.retryAfterMs()).isEqualTo(7_000);

        String second = newRequestId();
        Calls.route(second, chat("limited", "two")).then().statusCode(200).body("model", equalTo("up-ok-two"));

        assertThat(FakeUpstream.seenFor(second)).extracting(FakeUpstream.Seen::model).containsExactly("up-ok-two");
        UsageEvent secondEvent = UsageSink.await(connector, second);
        assertThat(secondEvent.attemptCount()).isEqualTo(1);
        assertThat(secondEvent.fallbackUsed()).isFalse();
        ShapeEventRecord skipped = secondEvent.shapeEvents().get(0);
        assertThat(skipped.decision()).isEqualTo("skipped");
        assertThat(skipped.bucket()).isEqualTo("adaptive_backoff");
        assertThat(skipped.provider()).isEqualTo("alpha");
        assertThat(skipped.modelRef()).isEqualTo("limited");
        assertThat(skipped.retryAfterMs()).isPositive();
    }

    @Test
    void answers503WithoutCallingUpstreamWhenEveryTargetIsCoolingDown() {
        String first = newRequestId();
        Calls.route(first, chat("throttled", "one"))
                .then()
                .statusCode(503)
                .header("retry-after", "7")
                .body("error.type", equalTo("upstream-rate-limited"));

        int before = FakeUpstream.total();
        String second = newRequestId();
        Response response = Calls.route(second, chat("throttled", "two"));

        response.then()
                .statusCode(503)
                .body("error.type", equalTo("upstream-capacity-throttled"))
                .body("error.details.target_count", equalTo(1))
                .body("error.details.retry_after_ms", greaterThan(0));
        long retryAfter = Long.parseLong(response.header("retry-after"));
        assertThat(retryAfter).isBetween(1L, 7L);
        assertThat(FakeUpstream.total()).isEqualTo(before);

        UsageEvent event = UsageSink.await(connector, second);
        assertThat(event.status()).isEqualTo(503);
        assertThat(event.errorType()).isEqualTo("upstream-capacity-throttled");
        assertThat(event.attemptCount()).isZero();
        assertThat(event.shapeEvents()).singleElement()
                .satisfies(s -> assertThat(s.decision()).isEqualTo("skipped"));
    }
}
