package dev.switchboard.simulator.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.simulator.http.ApiKeyCheck;
import dev.switchboard.simulator.scenario.Scenarios;

/** Ready as soon as the routes are registered; reports whether the API key check is on (never the key). */
@Readiness
@ApplicationScoped
public class SimulatorReadiness implements HealthCheck {

    private final ApiKeyCheck apiKeys;

    SimulatorReadiness(ApiKeyCheck apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("upstream-simulator")
                .up()
                .withData("scenarios", Scenarios.known().size())
                .withData("api_key_check", apiKeys.enabled())
                .build();
    }
}
