package dev.switchboard.model.dialect;

import java.util.Locale;
import java.util.Optional;

/** The API shapes Switchboard speaks, on the caller side and towards upstream providers. */
public enum Dialect {
    OPENAI_CHAT("openai-chat"), OPENAI_RESPONSES("openai-responses"), ANTHROPIC_MESSAGES("anthropic-messages");

    private final String wireName;

    Dialect(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in policy sets, usage rows and headers. */
    public String wireName() {
        return wireName;
    }

    /** Anthropic-style error envelopes ({"type":"error",...}) instead of OpenAI's ({"error":{...}}). */
    public boolean anthropicEnvelope() {
        return this == ANTHROPIC_MESSAGES;
    }

    /** Accepts the wire name, plus {@code anthropic} as the reference configuration spells the Messages dialect. */
    public static Optional<Dialect> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("anthropic")) {
            return Optional.of(ANTHROPIC_MESSAGES);
        }
        for (Dialect d : values()) {
            if (d.wireName.equals(n)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
