package dev.switchboard.model.canonical;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.dialect.Dialect;

/**
 * One piece of a message, instruction or answer. Every {@code toString()} is content-free: parts carry prompts,
 * images and tool outputs, which must never reach a log.
 */
public sealed interface ContentPart {

    /** Plain text; {@code extensions} keeps e.g. Anthropic {@code cache_control} or OpenAI {@code annotations}. */
    record Text(String text, Extensions extensions) implements ContentPart {
        public Text {
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        public static Text of(String text) {
            return new Text(text, Extensions.NONE);
        }

        /** Plain text with nothing dialect-specific attached, writable as a bare string. */
        public boolean isPlain() {
            return extensions.isEmpty();
        }

        /** Plain as far as {@code dialect} is concerned: other dialects' extensions are not written there. */
        public boolean isPlainIn(Dialect dialect) {
            return extensions.dialect() != dialect;
        }

        @Override
        public String toString() {
            return "Text[" + text.length() + " chars]";
        }
    }

    /** An input image; {@code detail} is OpenAI's {@code low|high|auto} hint or {@code null}. */
    record Image(ImageSource source, String detail, Extensions extensions) implements ContentPart {
        public Image {
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        @Override
        public String toString() {
            return "Image[" + (source instanceof ImageSource.Url ? "url" : "base64") + "]";
        }
    }

    /** A call the model made; {@code id} pairs it with its {@link ToolResult}. */
    record ToolCall(String id, String name, ToolArguments arguments, Extensions extensions) implements ContentPart {
        public ToolCall {
            arguments = arguments == null ? ToolArguments.EMPTY : arguments;
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        @Override
        public String toString() {
            return "ToolCall[id=" + id + ", name=" + name + "]";
        }
    }

    /** What the client's tool returned for call {@code callId}. */
    record ToolResult(String callId, List<ContentPart> content, boolean isError, Extensions extensions)
            implements
                ContentPart {
        public ToolResult {
            content = List.copyOf(content);
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        @Override
        public String toString() {
            return "ToolResult[callId=" + callId + ", parts=" + content.size() + ", isError=" + isError + "]";
        }
    }

    /**
     * Model reasoning. {@code signature} is Anthropic's proof of origin: only an Anthropic upstream can verify it, so
     * other dialects never send it back. OpenAI Responses keeps its item {@code id}/{@code encrypted_content} in
     * {@code extensions}.
     */
    record Thinking(String text, String signature, Extensions extensions) implements ContentPart {
        public Thinking {
            text = text == null ? "" : text;
            extensions = extensions == null ? Extensions.NONE : extensions;
        }

        @Override
        public String toString() {
            return "Thinking[" + text.length() + " chars, signed=" + (signature != null) + "]";
        }
    }

    /** Anthropic reasoning the provider encrypted; opaque and only meaningful to Anthropic. */
    record RedactedThinking(String data) implements ContentPart {
        @Override
        public String toString() {
            return "RedactedThinking";
        }
    }

    /** The model declined (OpenAI {@code refusal}); dialects without the notion receive it as text. */
    record Refusal(String text) implements ContentPart {
        @Override
        public String toString() {
            return "Refusal[" + text.length() + " chars]";
        }
    }

    /**
     * A content part or block the canonical model does not represent (audio, files, documents, server tool results),
     * kept verbatim for its own dialect and dropped by the others.
     */
    record Opaque(Dialect dialect, JsonNode raw) implements ContentPart {
        @Override
        public String toString() {
            return "Opaque[" + dialect + "]";
        }
    }

    /**
     * A whole conversation item the canonical model does not represent (a Responses {@code web_search_call}, a legacy
     * Chat {@code function} message), written back at item level by its own dialect and dropped by the others.
     */
    record OpaqueItem(Dialect dialect, JsonNode raw) implements ContentPart {
        @Override
        public String toString() {
            return "OpaqueItem[" + dialect + "]";
        }
    }
}
