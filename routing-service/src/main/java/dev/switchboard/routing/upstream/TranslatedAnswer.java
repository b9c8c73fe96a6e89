package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.codec.DialectCodec;
import dev.switchboard.model.error.GatewayError;

/** A non-streaming answer of another dialect: target body → canonical answer → caller body. */
final class TranslatedAnswer implements AnswerReader {

    private final DialectCodec target;
    private final DialectCodec caller;

    TranslatedAnswer(DialectCodec target, DialectCodec caller) {
        this.target = target;
        this.caller = caller;
    }

    @Override
    public ResponseFacts read(Buffer body) throws InvalidUpstreamResponse {
        JsonNode node = UpstreamJson.parse(body);
        if (!(node instanceof ObjectNode answer)) {
            throw new InvalidUpstreamResponse("upstream answer is not a JSON object");
        }
        CanonicalResponse canonical;
        try {
            canonical = target.decodeResponse(answer);
        } catch (GatewayError.Failure e) {
            // the codec's message names the dialect and the problem, never the body
            throw new InvalidUpstreamResponse(e.error().message());
        }
        Buffer translated;
        try {
            translated = JsonBuffers.append(Buffer.buffer(body.length()), caller.encodeResponse(canonical));
        } catch (IOException e) {
            throw new InvalidUpstreamResponse("upstream answer cannot be re-encoded");
        }
        return new ResponseFacts(translated, canonical.usage().tokens(), outputText(canonical),
                UpstreamJson.reportedCost(answer), "application/json");
    }

    private static CharSequence outputText(CanonicalResponse response) {
        OutputText text = new OutputText();
        for (ContentPart part : response.output()) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            } else if (part instanceof ContentPart.ToolCall call) {
                text.append(call.name());
                text.append(call.arguments().json());
            } else if (part instanceof ContentPart.Thinking thinking) {
                text.append(thinking.text());
            } else if (part instanceof ContentPart.Refusal refusal) {
                text.append(refusal.text());
            }
        }
        return text.value();
    }
}
