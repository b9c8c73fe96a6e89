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
 * @param estimatedInputTokens prompt tokens by {@link TokenEstimate} over the text parts: cheap, approximate; use
 *        {@link #countInputTokens} where an exact count matters
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
        TokenEstimate estimate = new TokenEstimate();
        int images = collect(request, estimate);
        return new RequestFacts(request.source(), request.model(), request.stream(), request.includeUsage(),
                request.outputCap() == null ? null : request.outputCap().tokens(), request.messages().size(),
                request.functionToolCount(), images, request.outputFormat() != null, request.reasoning() != null,
                estimate.tokens());
    }

    /** The prompt tokens of a decoded request, counted with the real tokenizer over the same text as the estimate. */
    public static int countInputTokens(CanonicalRequest request) {
        TextSink.Collected text = new TextSink.Collected();
        collect(request, text);
        return text.countTokens();
    }

    /** The same facts with another token figure (an exact count, or an estimate computed apart). */
    public RequestFacts withEstimatedInputTokens(int tokens) {
        return new RequestFacts(dialect, model, stream, includeUsage, maxOutputTokens, messageCount, toolCount,
                imageCount, structuredOutput, reasoning, tokens);
    }

    private static int collect(CanonicalRequest request, TextSink text) {
        int images = collect(request.instructions(), text);
        for (Message message : request.messages()) {
            images += collect(message.parts(), text);
        }
        return images;
    }

    /** @return the number of images among the parts */
    private static int collect(List<ContentPart> parts, TextSink text) {
        int images = 0;
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            } else if (part instanceof ContentPart.Image) {
                images++;
            } else if (part instanceof ContentPart.ToolCall c) {
                text.append(c.name() + ' ' + c.arguments().json());
            } else if (part instanceof ContentPart.ToolResult r) {
                images += collect(r.content(), text);
            } else if (part instanceof ContentPart.Thinking t) {
                text.append(t.text());
            }
        }
        return images;
    }
}
