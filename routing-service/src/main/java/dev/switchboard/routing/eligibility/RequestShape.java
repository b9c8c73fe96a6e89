package dev.switchboard.routing.eligibility;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.dialect.Dialect;

/**
 * The features of a request that decide which targets can serve it, whatever the caller's dialect. Read from the
 * decoded request without copying any content, and without re-tokenising: the gateway already sent its estimate.
 *
 * @param toolCount function tools offered to the model
 * @param hostedTools provider-hosted tools of the caller's dialect: only a target of that dialect understands them
 * @param forcedToolChoice the model must call a tool (needs the {@code tool_choice} capability on Chat targets)
 * @param maxOutputTokens the caller's output cap, or {@code null}
 * @param includeUsage the caller asked for usage in the stream (only OpenAI Chat makes it optional)
 * @param responsesState the stateful OpenAI Responses fields present, which only a Responses target can honour
 */
public record RequestShape(
        Dialect dialect,
        boolean hasText,
        int toolCount,
        boolean hostedTools,
        boolean forcedToolChoice,
        int imageCount,
        boolean structuredOutput,
        boolean reasoning,
        Integer maxOutputTokens,
        boolean includeUsage,
        List<String> responsesState) {

    /** Responses fields that refer to state held by OpenAI; any other target would answer without it. */
    static final List<String> RESPONSES_STATE_FIELDS = List.of("previous_response_id", "conversation", "prompt",
            "background");

    public static RequestShape of(CanonicalRequest request) {
        Parts parts = new Parts();
        parts.scan(request.instructions());
        for (Message message : request.messages()) {
            parts.scan(message.parts());
        }
        boolean hosted = false;
        for (Tool tool : request.tools()) {
            hosted |= tool instanceof Tool.HostedTool;
        }
        boolean reasoning = request.reasoning() != null && !request.reasoning().disabled();
        return new RequestShape(request.source(), parts.text, request.functionToolCount(), hosted,
                request.toolChoice() != null && request.toolChoice().forcesToolUse(), parts.images,
                request.outputFormat() != null, reasoning,
                request.outputCap() == null ? null : request.outputCap().tokens(), request.includeUsage(),
                responsesState(request));
    }

    private static List<String> responsesState(CanonicalRequest request) {
        if (request.extensions().isEmpty()) {
            return List.of();
        }
        List<String> present = null;
        for (String field : RESPONSES_STATE_FIELDS) {
            JsonNode value = request.extensions().get(Dialect.OPENAI_RESPONSES, field);
            // background: false and explicit nulls ask for nothing
            if (value == null || value.isNull() || (value.isBoolean() && !value.booleanValue())) {
                continue;
            }
            if (present == null) {
                present = new ArrayList<>(2);
            }
            present.add(field);
        }
        return present == null ? List.of() : List.copyOf(present);
    }

    /** Counts images and notices text, tool results included. */
    private static final class Parts {
        boolean text;
        int images;

        void scan(List<ContentPart> parts) {
            for (ContentPart part : parts) {
                if (part instanceof ContentPart.Text t) {
                    text |= !t.text().isEmpty();
                } else if (part instanceof ContentPart.Image) {
                    images++;
                } else if (part instanceof ContentPart.ToolResult r) {
                    scan(r.content());
                } else if (part instanceof ContentPart.ToolCall || part instanceof ContentPart.Refusal) {
                    text = true;
                }
            }
        }
    }
}
