package dev.switchboard.simulator.scenario;

import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.model.dialect.TokenCounter;

/**
 * The tokenizer's counts ({@link TokenCounter}, exactly), remembered for texts seen recently. Tests and benchmarks
 * send the same prompts again and again, and counting them was most of the CPU the simulator spent per request: time
 * taken from the gateway it stands beside on the same cores. Bounded: at most {@link #MAX_ENTRIES} texts of at most
 * {@link #MAX_TEXT_CHARS} characters each; when full it starts over.
 */
public final class TokenCounts {

    static final int MAX_ENTRIES = 1024;
    static final int MAX_TEXT_CHARS = 16 * 1024;

    private static final ConcurrentHashMap<String, Integer> KNOWN = new ConcurrentHashMap<>();

    private TokenCounts() {
    }

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return TokenCounter.count(text);
        }
        Integer known = KNOWN.get(text);
        if (known != null) {
            return known;
        }
        int tokens = TokenCounter.count(text);
        if (KNOWN.size() >= MAX_ENTRIES) {
            KNOWN.clear();
        }
        KNOWN.put(text, tokens);
        return tokens;
    }

    static int remembered() {
        return KNOWN.size();
    }
}
