package dev.switchboard.routing.policy;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.model.policy.CompiledPolicy;

/** Not ready without a policy snapshot: there would be nothing to route to. */
@Readiness
@Singleton
public class PolicyReadinessCheck implements HealthCheck {

    private final PolicyHolder holder;

    PolicyReadinessCheck(PolicyHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("policy");
        CompiledPolicy policy = holder.current().orElse(null);
        if (policy == null) {
            return builder.down().withData("reason", String.valueOf(holder.problem())).build();
        }
        return builder.up()
                .withData("version", policy.version())
                .withData("fingerprint", policy.fingerprint())
                .withData("groups", policy.groupNames().size())
                .build();
    }
}
