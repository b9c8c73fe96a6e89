package dev.switchboard.simulator.scenario;

/**
 * One scripted behaviour, selected by the request's model or the {@code x-sim-scenario} header.
 *
 * @param failure the answer of {@link Behaviour#FAIL} scenarios, else {@code null}
 */
public record Scenario(String name, Behaviour behaviour, Failure failure, String summary) {

    static Scenario of(String name, Behaviour behaviour, String summary) {
        return new Scenario(name, behaviour, null, summary);
    }

    static Scenario failing(String name, Failure failure, String summary) {
        return new Scenario(name, Behaviour.FAIL, failure, summary);
    }
}
