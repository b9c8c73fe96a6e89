package dev.switchboard.model.codec;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.dialect.Dialect;

/**
 * What a request asks of the model, independent of how a dialect lays it out: instructions wherever they sit, the
 * conversation flattened in order, tool definitions and generation settings. Features the target dialect cannot
 * carry (documented in docs/api-compatibility-matrix.md) are left out for that target; reasoning and sampling are
 * compared separately because Anthropic's thinking rules adapt them.
 */
record RequestMeaning(String model, String instructions, List<String> conversation, List<String> tools,
        String toolChoice, Boolean parallelToolCalls, Integer outputCap, List<String> stopSequences,
        String outputFormat, String user, boolean stream) {

    static RequestMeaning of(CanonicalRequest request, Dialect target) {
        StringBuilder instructions = new StringBuilder();
        for (ContentPart part : request.instructions()) {
            appendInstruction(part, instructions);
        }
        List<String> conversation = new ArrayList<>();
        for (Message message : request.messages()) {
            if (message.role().instructs()) {
                message.parts().forEach(part -> appendInstruction(part, instructions));
                continue;
            }
            String role = message.role().name().toLowerCase();
            for (ContentPart part : message.parts()) {
                describe(part, role, conversation);
            }
        }
        List<String> tools = new ArrayList<>();
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.FunctionTool f) {
                tools.add(f.name() + "|" + f.description() + "|" + f.parameters()
                        + (target == Dialect.ANTHROPIC_MESSAGES ? "" : "|strict=" + f.strict()));
            }
        }
        return new RequestMeaning(request.model(), instructions.toString(), conversation, tools,
                request.toolChoice() == null ? null : request.toolChoice().toString(), request.parallelToolCalls(),
                request.outputCap() == null ? null : request.outputCap().tokens(),
                target == Dialect.OPENAI_RESPONSES ? List.of() : request.stopSequences(),
                target == Dialect.ANTHROPIC_MESSAGES ? null : describe(request.outputFormat()),
                request.user(), request.stream());
    }

    private static void appendInstruction(ContentPart part, StringBuilder instructions) {
        if (part instanceof ContentPart.Text text) {
            if (instructions.length() > 0) {
                instructions.append("\n\n");
            }
            instructions.append(text.text());
        }
    }

    private static void describe(ContentPart part, String role, List<String> out) {
        if (part instanceof ContentPart.Text text) {
            if (!text.text().isEmpty()) {
                out.add(role + ": " + text.text());
            }
        } else if (part instanceof ContentPart.Image image) {
            out.add(role + ": image " + (image.source() instanceof ImageSource.Url url
                    ? url.url()
                    : ((ImageSource.Base64) image.source()).toDataUrl()));
        } else if (part instanceof ContentPart.ToolCall call) {
            out.add("call " + call.id() + " " + call.name() + " " + call.arguments().node());
        } else if (part instanceof ContentPart.ToolResult result) {
            StringBuilder text = new StringBuilder();
            result.content().forEach(p -> text.append(p instanceof ContentPart.Text t ? t.text() : "[image]"));
            out.add("result " + result.callId() + " " + text);
        }
        // thinking and dialect-specific parts are compared by dedicated tests
    }

    private static String describe(OutputFormat format) {
        if (format instanceof OutputFormat.JsonSchema schema) {
            return "json_schema " + schema.name() + " strict=" + schema.strict() + " " + schema.schema();
        }
        return format == null ? null : "json_object";
    }
}
