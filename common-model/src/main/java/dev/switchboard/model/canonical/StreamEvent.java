package dev.switchboard.model.canonical;

/**
 * One step of a streamed answer, in no particular dialect. A well-formed stream is: {@link MessageStart}, then blocks
 * one at a time (a block start, its deltas, {@link BlockStop}), then {@link MessageDelta} and {@link MessageStop}.
 * Block indices count from 0 in order of appearance. {@code toString()} of deltas is content-free.
 */
public sealed interface StreamEvent {

    /** @param usage what is known at the start (Anthropic reports input tokens here), else {@code NONE} */
    record MessageStart(String id, String model, long createdAt, CanonicalUsage usage) implements StreamEvent {
    }

    record TextStart(int index) implements StreamEvent {
    }

    record ToolCallStart(int index, String id, String name) implements StreamEvent {
    }

    record ThinkingStart(int index) implements StreamEvent {
    }

    record TextDelta(int index, String text) implements StreamEvent {
        @Override
        public String toString() {
            return "TextDelta[index=" + index + ", " + text.length() + " chars]";
        }
    }

    /** A fragment of the tool call's JSON arguments; fragments concatenate to the whole. */
    record ToolArgumentsDelta(int index, String json) implements StreamEvent {
        @Override
        public String toString() {
            return "ToolArgumentsDelta[index=" + index + ", " + json.length() + " chars]";
        }
    }

    record ThinkingDelta(int index, String text) implements StreamEvent {
        @Override
        public String toString() {
            return "ThinkingDelta[index=" + index + ", " + text.length() + " chars]";
        }
    }

    /** Anthropic's signature for the thinking block, sent just before it stops. */
    record ThinkingSignature(int index, String signature) implements StreamEvent {
        @Override
        public String toString() {
            return "ThinkingSignature[index=" + index + "]";
        }
    }

    record BlockStop(int index) implements StreamEvent {
    }

    /** @param usage final usage of the whole answer, or {@code NONE} when the upstream gave none */
    record MessageDelta(StopReason stopReason, String stopSequence, CanonicalUsage usage) implements StreamEvent {
    }

    record MessageStop() implements StreamEvent {
        public static final MessageStop INSTANCE = new MessageStop();
    }

    /** Keep-alive. */
    record Ping() implements StreamEvent {
        public static final Ping INSTANCE = new Ping();
    }

    /**
     * The upstream reported an error inside the stream (e.g. Anthropic {@code overloaded_error}).
     *
     * @param type the upstream's error type, safe to show
     */
    record Error(String type, String message) implements StreamEvent {
    }
}
