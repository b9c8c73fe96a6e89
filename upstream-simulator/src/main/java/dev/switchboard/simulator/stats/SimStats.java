package dev.switchboard.simulator.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Request counters that tests read through {@code GET /_sim/stats}. Lock-free: one adder per total, one atomic per
 * model, scenario and path. The key spaces are capped so that a benchmark with random model names or paths cannot
 * grow them without bound.
 */
@ApplicationScoped
public class SimStats {

    static final int MAX_KEYS = 1000;
    static final String OTHER_KEY = "(other)";
    private static final int MAX_HEADER_CHARS = 128;

    private final LongAdder requests = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder images = new LongAdder();
    private final ConcurrentHashMap<String, AtomicLong> byModel = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> byScenario = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> byPath = new ConcurrentHashMap<>();
    private volatile Arrival last = Arrival.NONE;
    private volatile String lastDialect;

    /**
     * What the simulator remembers of the last request: header values (never credentials), cut to 128 characters.
     *
     * @param anthropicVersion the {@code anthropic-version} header, {@code null} when absent
     */
    public record Arrival(String path, String requestId, boolean authorizationPresent, String anthropicVersion,
            String anthropicBeta) {

        static final Arrival NONE = new Arrival(null, null, false, null, null);

        public Arrival {
            requestId = bounded(requestId);
            anthropicVersion = bounded(anthropicVersion);
            anthropicBeta = bounded(anthropicBeta);
        }

        private static String bounded(String value) {
            return value == null || value.length() <= MAX_HEADER_CHARS ? value : value.substring(0, MAX_HEADER_CHARS);
        }
    }

    /** Every request to an API endpoint, before anything can fail. */
    public void recordArrival(Arrival arrival) {
        requests.increment();
        inFlight.increment();
        if (arrival.path() != null) {
            counter(byPath, arrival.path()).incrementAndGet();
        }
        last = arrival;
    }

    /** Shorthand for tests and callers without a path or Anthropic headers. */
    public void recordArrival(String requestId, boolean authorizationPresent) {
        recordArrival(new Arrival(null, requestId, authorizationPresent, null, null));
    }

    /** A dialect took the request (before its credential and body were checked). */
    public void recordDialect(String wireName) {
        lastDialect = wireName;
    }

    public void recordImages(int count) {
        if (count > 0) {
            images.add(count);
        }
    }

    public void recordFinished() {
        inFlight.decrement();
    }

    /** The client closed the connection before the answer was complete. */
    public void recordCancelled() {
        cancelled.increment();
    }

    /**
     * A request that reached a scenario.
     *
     * @return how many requests this scenario has played since the last reset, this one included
     */
    public long recordScenario(String model, String scenario) {
        if (model != null) {
            counter(byModel, model).incrementAndGet();
        }
        return counter(byScenario, scenario).incrementAndGet();
    }

    private static AtomicLong counter(ConcurrentHashMap<String, AtomicLong> counters, String key) {
        AtomicLong counter = counters.get(key);
        if (counter != null) {
            return counter;
        }
        String bounded = counters.size() >= MAX_KEYS ? OTHER_KEY : key;
        return counters.computeIfAbsent(bounded, k -> new AtomicLong());
    }

    /** Zeroes every counter except {@code in_flight}, which describes connections still open. */
    public void reset() {
        requests.reset();
        cancelled.reset();
        images.reset();
        byModel.clear();
        byScenario.clear();
        byPath.clear();
        last = Arrival.NONE;
        lastDialect = null;
    }

    public Snapshot snapshot() {
        Arrival arrival = last;
        return new Snapshot(requests.sum(), copy(byModel), copy(byScenario), copy(byPath), arrival.requestId(),
                arrival.authorizationPresent(), lastDialect, arrival.anthropicVersion(), arrival.anthropicBeta(),
                images.sum(), inFlight.sum(), cancelled.sum());
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> counters) {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((key, value) -> sorted.put(key, value.get()));
        return sorted;
    }

    /** The counters at one moment (each read atomically, not all together). */
    public record Snapshot(
            long requestsTotal,
            Map<String, Long> byModel,
            Map<String, Long> byScenario,
            Map<String, Long> byPath,
            String lastRequestId,
            boolean lastAuthorizationPresent,
            String lastDialect,
            String lastAnthropicVersion,
            String lastAnthropicBeta,
            long imagesTotal,
            long inFlight,
            long cancelledTotal) {
    }
}
