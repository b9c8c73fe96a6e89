package dev.switchboard.routing.backoff;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Reports whether the shared backoff state is reachable without failing readiness: routing fails open without Redis,
 * so taking the replica out of service would only make things worse.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private final BackoffStore store;

    RedisReadinessCheck(BackoffStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.reachable(Duration.ofSeconds(1))
                .map(up -> HealthCheckResponse.named("backoff-store")
                        .up()
                        .withData("redis", up ? "reachable" : "unreachable")
                        .withData("mode", up ? "shared" : "fail-open")
                        .build());
    }
}
