package dev.switchboard.routing.backoff;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Reports whether the shared backoff state is reachable, and whether this replica hears the other replicas'
 * announcements, without failing readiness: routing keeps serving from its mirror without Redis, so taking the
 * replica out of service would only make things worse.
 */
@Readiness
@Singleton
public class RedisReadinessCheck implements AsyncHealthCheck {

    private final BackoffStore store;
    private final BackoffSync sync;

    RedisReadinessCheck(BackoffStore store, BackoffSync sync) {
        this.store = store;
        this.sync = sync;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.reachable(Duration.ofSeconds(1))
                .map(up -> HealthCheckResponse.named("backoff-store")
                        .up()
                        .withData("redis", up ? "reachable" : "unreachable")
                        .withData("mode", up ? "shared" : "fail-open")
                        .withData("announcements", sync.listening() ? "subscribed" : "resubscribing")
                        .build());
    }
}
