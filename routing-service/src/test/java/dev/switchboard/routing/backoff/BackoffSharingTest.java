package dev.switchboard.routing.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.metrics.RouterMetrics;
import dev.switchboard.routing.policy.PolicyHolder;
import dev.switchboard.routing.support.Await;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.TcpProxy;

/**
 * Backoff marks shared between replicas through the real Redis: announced marks reach the other replicas' mirrors,
 * missed announcements are repaired by resyncs, marks expire locally. A "replica" is a store and its sync built by
 * hand next to the application's own; only this run's keys (random prefix) and the never-routed group "mirror" are
 * touched.
 */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class BackoffSharingTest {

    @Inject
    Vertx vertx;

    @Inject
    RoutingConfig config;

    @Inject
    RouterMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    PolicyHolder policies;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisDataSource redis;

    @Inject
    BackoffStore store;

    @Inject
    BackoffSync sync;

    @AfterEach
    void forgetMarks() {
        redis.key().del(key(target(0)), key(target(1)));
        sync.resync().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aMarkAnnouncedByAnotherReplicaReachesThisMirrorAndIsServedWithoutRedis() {
        ResolvedTarget target = target(0);
        Redis own = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        ReactiveRedisDataSourceImpl ownRedis = new ReactiveRedisDataSourceImpl(vertx, own, RedisAPI.api(own));
        BackoffStore reader = new BackoffStore(ownRedis, config, metrics);
        // no periodic resync in the test's time: only the announcement can bring the mark
        BackoffSync readerSync = new BackoffSync(ownRedis, reader, policies, vertx.getDelegate(), Duration.ofHours(1));
        boolean closed = false;
        try {
            readerSync.start();
            assertThat(Await.until(Duration.ofSeconds(5), readerSync::listening)).isTrue();
            BackoffStore writer = new BackoffStore(reactiveRedis, config, metrics);

            Long inForce = writer.startCooldown(target, CooldownReason.RATE_LIMITED, 30_000L)
                    .await()
                    .atMost(Duration.ofSeconds(5));

            assertThat(inForce).isEqualTo(30_000);
            assertThat(writer.activeMarks(List.of(target))).as("the writer mirrors the script's answer at once")
                    .containsKey(target.label());
            assertThat(Await.until(Duration.ofSeconds(2),
                    () -> reader.activeMarks(List.of(target)).containsKey(target.label())))
                    .as("announced to the other replica")
                    .isTrue();
            BackoffMark mark = reader.activeMarks(List.of(target)).get(target.label());
            assertThat(mark.reason()).isEqualTo(CooldownReason.RATE_LIMITED);
            assertThat(mark.remainingMs(System.currentTimeMillis())).isBetween(20_000L, 30_000L);
            assertThat(Await.until(Duration.ofSeconds(2),
                    () -> store.activeMarks(List.of(target)).containsKey(target.label())))
                    .as("and to the application's own replica")
                    .isTrue();

            readerSync.stop();
            own.close();
            closed = true;
            assertThat(reader.activeMarks(List.of(target)))
                    .as("requests read the mirror: no Redis needed to answer")
                    .containsKey(target.label());
        } finally {
            if (!closed) {
                readerSync.stop();
                own.close();
            }
        }
    }

    @Test
    void aMarkThatWasNeverAnnouncedAppearsAfterAResyncAndADeletedOneDisappears() {
        ResolvedTarget target = target(1);
        long until = System.currentTimeMillis() + 20_000;
        // a missed announcement: the key is in Redis, nobody published it; the TTL outlives the stored expiry
        redis.value(String.class).psetex(key(target), 60_000, "upstream_quota:" + until);

        assertThat(Await.until(Duration.ofSeconds(4),
                () -> store.activeMarks(List.of(target)).containsKey(target.label())))
                .as("picked up by the periodic resync (1 s in tests)")
                .isTrue();
        BackoffMark mark = store.activeMarks(List.of(target)).get(target.label());
        assertThat(mark.reason()).isEqualTo(CooldownReason.QUOTA_EXHAUSTED);
        assertThat(mark.untilMs()).as("the absolute expiry stored in the value").isEqualTo(until);

        redis.key().del(key(target));
        assertThat(Await.until(Duration.ofSeconds(4), () -> store.activeMarks(List.of(target)).isEmpty()))
                .as("an operator clears a cooldown by deleting its key")
                .isTrue();
    }

    @Test
    void marksExpireInTheMirror() {
        ResolvedTarget target = target(0);

        Long inForce = store.startCooldown(target, CooldownReason.RATE_LIMITED, 400L)
                .await()
                .atMost(Duration.ofSeconds(5));

        assertThat(inForce).isEqualTo(400);
        assertThat(store.activeMarks(List.of(target))).containsKey(target.label());
        assertThat(Await.until(Duration.ofSeconds(3), () -> store.activeMarks(List.of(target)).isEmpty())).isTrue();
    }

    @Test
    void aLostSubscriptionIsCountedRestartedAndResynced() {
        ResolvedTarget target = target(1);
        try (TcpProxy proxy = TcpProxy.start(vertx.getDelegate(), 6379)) {
            Redis own = Redis.createClient(vertx, "redis://127.0.0.1:" + proxy.port());
            ReactiveRedisDataSourceImpl ownRedis = new ReactiveRedisDataSourceImpl(vertx, own, RedisAPI.api(own));
            BackoffStore reader = new BackoffStore(ownRedis, config, metrics);
            BackoffSync readerSync = new BackoffSync(ownRedis, reader, policies, vertx.getDelegate(),
                    Duration.ofMillis(300));
            try {
                readerSync.start();
                assertThat(Await.until(Duration.ofSeconds(5), readerSync::listening)).isTrue();
                double lost = failures("subscribe");

                proxy.cut();
                // set while the reader may not be listening: only a resync can bring it
                redis.value(String.class).psetex(key(target), 30_000,
                        "upstream_429:" + (System.currentTimeMillis() + 30_000));

                assertThat(Await.until(Duration.ofSeconds(5), () -> failures("subscribe") > lost))
                        .as("the loss is counted")
                        .isTrue();
                assertThat(Await.until(Duration.ofSeconds(5), readerSync::listening)).as("subscribed again")
                        .isTrue();
                assertThat(Await.until(Duration.ofSeconds(5),
                        () -> reader.activeMarks(List.of(target)).containsKey(target.label())))
                        .isTrue();
            } finally {
                readerSync.stop();
                own.close();
            }
        }
    }

    @Test
    void theApplicationListensToTheChannel() {
        assertThat(Await.until(Duration.ofSeconds(5), sync::listening)).isTrue();
        assertThat(store.channel()).isEqualTo(RoutingTestResource.KEY_PREFIX + "marks");
    }

    private ResolvedTarget target(int index) {
        return policies.current().orElseThrow().targets("mirror").get(index);
    }

    private String key(ResolvedTarget target) {
        return RoutingTestResource.KEY_PREFIX + target.label();
    }

    private double failures(String operation) {
        Counter counter = registry.find("router.backoff.store.failures").tag("operation", operation).counter();
        return counter == null ? 0 : counter.count();
    }
}
