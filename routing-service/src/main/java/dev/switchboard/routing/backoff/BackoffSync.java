package dev.switchboard.routing.backoff;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.policy.PolicyHolder;

/**
 * Keeps this replica's mirror of the backoff marks in step with the other replicas, off the request path and without
 * blocking: it listens to the marks they announce on the backoff channel, and re-reads its policy's marks from Redis
 * whenever the subscription starts and every resync interval. A missed announcement (subscription lost, replica
 * started late, key written by hand) is therefore repaired within one interval; a lost subscription is retried at
 * the next one.
 */
@Singleton
public class BackoffSync {

    private final ReactiveRedisDataSource redis;
    private final BackoffStore store;
    private final PolicyHolder policies;
    private final Vertx vertx;
    private final Duration interval;
    /** The subscription in force or being set up; {@code null} when there is none, {@link #STOPPED} at shutdown. */
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private volatile Labels labels = new Labels(null, List.of());
    private volatile long timer = -1;

    @Inject
    BackoffSync(ReactiveRedisDataSource redis, BackoffStore store, PolicyHolder policies, Vertx vertx,
            RoutingConfig config) {
        this(redis, store, policies, vertx, config.backoff().resyncInterval());
    }

    BackoffSync(ReactiveRedisDataSource redis, BackoffStore store, PolicyHolder policies, Vertx vertx,
            Duration interval) {
        this.redis = redis;
        this.store = store;
        this.policies = policies;
        this.vertx = vertx;
        this.interval = interval;
    }

    void onStart(@Observes StartupEvent start) {
        start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    void start() {
        subscribe();
        timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> tick());
    }

    void stop() {
        vertx.cancelTimer(timer);
        Subscription last = subscription.getAndSet(Subscription.STOPPED);
        if (last != null) {
            last.close();
        }
    }

    /** Whether announcements currently reach this replica (for readiness). */
    public boolean listening() {
        Subscription s = subscription.get();
        return s != null && s.active;
    }

    /** Re-reads the marks of the current policy's targets from Redis now. */
    public Uni<Void> resync() {
        // a resync that has not answered by the next tick counts as failed
        return store.resync(currentLabels(), interval);
    }

    private void tick() {
        if (subscription.get() == null) {
            subscribe();
        }
        resync().subscribe().with(ignored -> {
        });
    }

    private void subscribe() {
        Subscription attempt = new Subscription();
        if (!subscription.compareAndSet(null, attempt)) {
            return;
        }
        redis.pubsub(String.class)
                .subscribe(store.channel(), store::applyAnnouncement, () -> lost(attempt, "ConnectionClosed"),
                        e -> lost(attempt, e.getClass().getSimpleName()))
                .subscribe()
                .with(subscriber -> subscribed(attempt, subscriber), e -> lost(attempt, e.getClass().getSimpleName()));
    }

    private void subscribed(Subscription attempt, ReactiveRedisSubscriber subscriber) {
        attempt.subscriber = subscriber;
        if (subscription.get() != attempt) {
            // lost or stopped while connecting
            attempt.close();
            return;
        }
        attempt.active = true;
        // announcements sent before this point were missed
        resync().subscribe().with(ignored -> {
        });
    }

    private void lost(Subscription attempt, String cause) {
        if (subscription.compareAndSet(attempt, null)) {
            attempt.active = false;
            store.storeFailed("subscribe", cause);
            attempt.close();
        }
    }

    private Collection<String> currentLabels() {
        CompiledPolicy policy = policies.current().orElse(null);
        Labels known = labels;
        if (policy != known.policy()) {
            known = new Labels(policy, labelsOf(policy));
            labels = known;
        }
        return known.labels();
    }

    private static List<String> labelsOf(CompiledPolicy policy) {
        if (policy == null) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>();
        for (String group : policy.groupNames()) {
            policy.targets(group).forEach(t -> all.add(t.label()));
        }
        return List.copyOf(all);
    }

    private record Labels(CompiledPolicy policy, List<String> labels) {
    }

    /** One subscription attempt and, once Redis confirmed it, its subscriber. */
    private static final class Subscription {
        static final Subscription STOPPED = new Subscription();

        volatile ReactiveRedisSubscriber subscriber;
        volatile boolean active;

        void close() {
            ReactiveRedisSubscriber s = subscriber;
            if (s != null) {
                s.unsubscribe().subscribe().with(ignored -> {
                }, ignored -> {
                    // the connection is already gone
                });
            }
        }
    }
}
