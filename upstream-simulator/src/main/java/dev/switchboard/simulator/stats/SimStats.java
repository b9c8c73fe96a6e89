package dev.switchboard.simulator.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Request counters that tests read through {@code GET /_sim/stats}. Lock-free: one adder per total, one atomic per
 * model and scenario. The model key space is capped so that a benchmark with random model names cannot grow it
 * without bound.
 */
@ApplicationScoped
public class SimStats {

    static final int MAX_KEYS = 1000;
    static final String OTHER_KEY = "(other)";
    private static final int MAX_REQUEST_ID_CHARS = 128;

    private final LongAdder requests = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final ConcurrentHashMap<String, AtomicLong> byModel = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> byScenario = new ConcurrentHashMap<>();
    private volatile String lastRequestId;
    private volatile boolean lastAuthorizationPresent;

    /** Every request to an API endpoint, before anything can fail. */
    public void recordArrival(String requestId, boolean authorizationPresent) {
        requests.increment();
        inFlight.increment();
        lastRequestId = requestId == null || requestId.length() <= MAX_REQUEST_ID_CHARS
                ? requestId
                : requestId.substring(0, MAX_REQUEST_ID_CHARS);
        lastAuthorizationPresent = authorizationPresent;
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
        byModel.clear();
        byScenario.clear();
        lastRequestId = null;
        lastAuthorizationPresent = false;
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.sum(), copy(byModel), copy(byScenario), lastRequestId, lastAuthorizationPresent,
                inFlight.sum(), cancelled.sum());
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
            String lastRequestId,
            boolean lastAuthorizationPresent,
            long inFlight,
            long cancelledTotal) {
    }
}
