package dev.switchboard.simulator.scenario;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario catalogue and how a request selects one: the {@code x-sim-scenario} header wins, else the request's
 * model, else echo. A model may carry a {@code :label} suffix ({@code sim-429:eu}) so that a policy set can point
 * several targets at one scenario and still tell them apart in the stats.
 */
public final class Scenarios {

    public static final Scenario ECHO = Scenario.of("sim-echo", Behaviour.ANSWER,
            "answers \"echo: <last user message>\" with usage (default for any unknown model)");

    private static final String STATUS_PREFIX = "sim-status-";
    private static final int MIN_STATUS = 400;
    private static final int MAX_STATUS = 599;
    private static final Map<String, Scenario> KNOWN = catalogue();
    private static final Scenario[] BY_STATUS = statusScenarios();

    private Scenarios() {
    }

    private static Map<String, Scenario> catalogue() {
        Map<String, Scenario> known = new LinkedHashMap<>();
        for (Scenario s : new Scenario[]{ECHO,
                Scenario.of("sim-slow", Behaviour.SLOW_ANSWER, "echo after simulator.slow-latency-ms (2 s) extra"),
                Scenario.of("sim-no-usage", Behaviour.ANSWER_WITHOUT_USAGE,
                        "echo without a usage block, also when the stream asks for one"),
                Scenario.failing("sim-fail-500", Failure.serverError(500), "500 server error"),
                Scenario.failing("sim-fail-503", Failure.overloaded(), "503 overloaded"),
                Scenario.failing("sim-429", Failure.rateLimited(2), "429 rate limit with Retry-After: 2"),
                Scenario.failing("sim-quota-402", Failure.quotaExhausted(402), "402 insufficient quota"),
                Scenario.failing("sim-quota-429", Failure.quotaExhausted(429),
                        "429 insufficient quota (how OpenAI reports billing exhaustion)"),
                Scenario.failing("sim-bad-request-400", Failure.invalidRequest("Invalid request (simulated).", null),
                        "400 invalid request"),
                Scenario.failing("sim-unauthorized-401",
                        Failure.unauthorized("Incorrect API key provided (simulated)."),
                        "401 invalid API key"),
                Scenario.failing("sim-forbidden-403", Failure.forbidden(), "403 region/entitlement denial"),
                Scenario.failing("sim-model-not-found-404", Failure.modelNotFound(), "404 model not found"),
                Scenario.of("sim-flaky", Behaviour.FLAKY,
                        "odd-numbered requests (since the last reset) get 500, even-numbered ones are answered"),
                Scenario.of("sim-hang", Behaviour.HANG, "never answers until the client gives up"),
                Scenario.of("sim-stream-cut", Behaviour.CUT,
                        "sends two stream events (or half the JSON body), then closes the connection"),
                Scenario.of("sim-stream-hang", Behaviour.STALL,
                        "sends headers and two stream events (or only headers), then stalls"),
                Scenario.of("sim-stream-error", Behaviour.STREAM_ERROR,
                        "streams two events, then an error event, without the terminal event (non-stream: 500)"),
                Scenario.of("sim-redirect-302", Behaviour.REDIRECT, "302 redirect to an unresolvable host"),
                Scenario.of("sim-malformed-200", Behaviour.MALFORMED, "200 with a body that is not valid JSON")}) {
            known.put(s.name(), s);
        }
        return Collections.unmodifiableMap(known);
    }

    private static Scenario[] statusScenarios() {
        Scenario[] byStatus = new Scenario[MAX_STATUS - MIN_STATUS + 1];
        for (int status = MIN_STATUS; status <= MAX_STATUS; status++) {
            byStatus[status - MIN_STATUS] = Scenario.failing(STATUS_PREFIX + status, Failure.forStatus(status),
                    "HTTP " + status);
        }
        return byStatus;
    }

    /** The named scenarios, in catalogue order ({@code sim-status-NNN} not included). */
    public static Collection<Scenario> known() {
        return KNOWN.values();
    }

    public static Optional<Scenario> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Scenario known = KNOWN.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        if (name.length() == STATUS_PREFIX.length() + 3 && name.startsWith(STATUS_PREFIX)) {
            int status = parseStatus(name.substring(STATUS_PREFIX.length()));
            if (status >= MIN_STATUS && status <= MAX_STATUS) {
                return Optional.of(BY_STATUS[status - MIN_STATUS]);
            }
        }
        return Optional.empty();
    }

    /**
     * @param header value of {@code x-sim-scenario}, or {@code null}
     * @throws Failure.Rejected when the header names no scenario: a typo in an explicit test control must not
     *         silently turn into an echo
     */
    public static Scenario select(String header, String model) {
        if (header != null && !header.isBlank()) {
            return byName(header.trim()).orElseThrow(() -> Failure
                    .invalidRequest("Unknown scenario in x-sim-scenario; see GET /v1/models.", "x-sim-scenario")
                    .rejection());
        }
        return forModel(model);
    }

    /** Unknown models (every real model name) get the echo scenario. */
    public static Scenario forModel(String model) {
        if (model == null || !model.startsWith("sim-")) {
            return ECHO;
        }
        int label = model.indexOf(':');
        String name = label < 0 ? model : model.substring(0, label);
        return byName(name).or(() -> byName(ModelTraits.withoutTraits(name))).orElse(ECHO);
    }

    private static int parseStatus(String digits) {
        int status = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }
}
