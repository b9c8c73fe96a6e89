package dev.switchboard.model.codec;

import dev.switchboard.model.canonical.StopReason;

/**
 * The one table of finish/stop reasons across dialects. Chat's {@code stop} covers both a natural end and a stop
 * sequence; Responses says {@code completed} and lets the output show tool calls, or {@code incomplete} with a reason.
 */
public final class StopReasons {

    /** Responses terminal state: {@code status} and, when incomplete, {@code incomplete_details.reason}. */
    public record ResponsesStatus(String status, String incompleteReason) {
        /** The streaming event that ends a response in this state. */
        public String terminalEvent() {
            return switch (status) {
                case "incomplete" -> "response.incomplete";
                case "failed" -> "response.failed";
                default -> "response.completed";
            };
        }
    }

    private static final ResponsesStatus COMPLETED = new ResponsesStatus("completed", null);
    private static final ResponsesStatus MAX_OUTPUT = new ResponsesStatus("incomplete", "max_output_tokens");
    private static final ResponsesStatus FILTERED = new ResponsesStatus("incomplete", "content_filter");
    private static final ResponsesStatus FAILED = new ResponsesStatus("failed", null);

    private StopReasons() {
    }

    /** @return {@code null} for {@code null} (a chunk that has not finished) */
    public static StopReason fromChat(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END_TURN;
        };
    }

    public static String toChat(StopReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER, REFUSAL -> "content_filter";
            case END_TURN, STOP_SEQUENCE, PAUSE_TURN, ERROR -> "stop";
        };
    }

    public static StopReason fromAnthropic(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "tool_use" -> StopReason.TOOL_USE;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            case "pause_turn" -> StopReason.PAUSE_TURN;
            default -> StopReason.END_TURN;
        };
    }

    public static String toAnthropic(StopReason reason) {
        if (reason == null) {
            return "end_turn";
        }
        return switch (reason) {
            case MAX_TOKENS -> "max_tokens";
            case TOOL_USE -> "tool_use";
            case STOP_SEQUENCE -> "stop_sequence";
            case CONTENT_FILTER, REFUSAL -> "refusal";
            case PAUSE_TURN -> "pause_turn";
            case END_TURN, ERROR -> "end_turn";
        };
    }

    /**
     * @param hasToolCalls the output holds function calls (Responses has no tool-use status of its own)
     */
    public static StopReason fromResponses(String status, String incompleteReason, boolean hasToolCalls) {
        if ("incomplete".equals(status)) {
            return "content_filter".equals(incompleteReason) ? StopReason.CONTENT_FILTER : StopReason.MAX_TOKENS;
        }
        if ("failed".equals(status) || "cancelled".equals(status)) {
            return StopReason.ERROR;
        }
        return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
    }

    public static ResponsesStatus toResponses(StopReason reason) {
        if (reason == null) {
            return COMPLETED;
        }
        return switch (reason) {
            case MAX_TOKENS -> MAX_OUTPUT;
            case CONTENT_FILTER, REFUSAL -> FILTERED;
            case ERROR -> FAILED;
            case END_TURN, TOOL_USE, STOP_SEQUENCE, PAUSE_TURN -> COMPLETED;
        };
    }

    /** Upstreams that report a natural end while returning tool calls mean tool use. */
    static StopReason withToolCalls(StopReason reason, boolean hasToolCalls) {
        return hasToolCalls && (reason == null || reason == StopReason.END_TURN) ? StopReason.TOOL_USE : reason;
    }
}
