package dev.switchboard.model.dialect;

import java.util.List;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Message;

/**
 * What admission and eligibility need to know about a request, whatever its dialect. Extracted once at the edge;
 * carries no content.
 *
 * @param model the requested model group, or {@code null} when the body names none
 * @param maxOutputTokens the caller's output cap, or {@code null} when not set
 * @param estimatedInputTokens local estimate of prompt tokens (real tokenizer over the text parts)
 */
public record RequestFacts(
        Dialect dialect,
        String model,
        boolean stream,
        boolean includeUsage,
        Integer maxOutputTokens,
        int messageCount,
        int toolCount,
        int imageCount,
        boolean structuredOutput,
        boolean reasoning,
        int estimatedInputTokens) {

    /** The facts of a request decoded by any dialect codec; the token estimate covers every text the model reads. */
    public static RequestFacts of(CanonicalRequest request) {
        StringBuilder text = new StringBuilder(256);
        int images = collect(request.instructions(), text);
        for (Message message : request.messages()) {
            images += collect(message.parts(), text);
        }
        return new RequestFacts(request.source(), request.model(), request.stream(), request.includeUsage(),
                request.outputCap() == null ? null : request.outputCap().tokens(), request.messages().size(),
                request.functionToolCount(), images, request.outputFormat() != null, request.reasoning() != null,
                TokenCounter.count(text));
    }

    /** @return the number of images among the parts */
    private static int collect(List<ContentPart> parts, StringBuilder text) {
        int images = 0;
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text()).append('\n');
            } else if (part instanceof ContentPart.Image) {
                images++;
            } else if (part instanceof ContentPart.ToolCall c) {
                text.append(c.name()).append(' ').append(c.arguments().json()).append('\n');
            } else if (part instanceof ContentPart.ToolResult r) {
                images += collect(r.content(), text);
            } else if (part instanceof ContentPart.Thinking t) {
                text.append(t.text()).append('\n');
            }
        }
        return images;
    }
}
