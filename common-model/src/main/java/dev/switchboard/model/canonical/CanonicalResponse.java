package dev.switchboard.model.canonical;

import java.util.List;

/**
 * A complete (non-streamed) answer in no particular dialect. Only the first choice of an OpenAI {@code n > 1}
 * answer is represented. {@code toString()} is content-free.
 *
 * @param createdAt epoch seconds, {@code 0} when the upstream did not say (encoders then use their clock)
 * @param output text, tool calls and thinking, in the order the model produced them
 * @param stopSequence the stop sequence that matched, when the upstream says which
 */
public record CanonicalResponse(
        String id,
        String model,
        long createdAt,
        List<ContentPart> output,
        StopReason stopReason,
        String stopSequence,
        CanonicalUsage usage) {

    public CanonicalResponse {
        output = List.copyOf(output);
        usage = usage == null ? CanonicalUsage.NONE : usage;
    }

    /** All text parts joined, as OpenAI Chat presents an answer. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : output) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    public boolean hasToolCalls() {
        for (ContentPart part : output) {
            if (part instanceof ContentPart.ToolCall) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CanonicalResponse[id=" + id + ", model=" + model + ", parts=" + output.size() + ", stopReason="
                + stopReason + "]";
    }
}
