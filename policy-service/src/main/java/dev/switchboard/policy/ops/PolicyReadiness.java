package dev.switchboard.policy.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.policy.policyset.ActivePolicy;

/** Ready once a valid policy set is active. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final ActivePolicy active;

    PolicyReadiness(ActivePolicy active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        return active.current()
                .map(s -> HealthCheckResponse.named("policy").up().withData("version", s.policy().version()).build())
                .orElseGet(() -> HealthCheckResponse.named("policy").down().build());
    }
}
