package dev.switchboard.model.canonical;

import java.util.List;

/** One turn of the conversation. Tool results may sit in {@code TOOL} messages or, Anthropic-style, in user ones. */
public record Message(Role role, List<ContentPart> parts, Extensions extensions) {

    public Message {
        parts = List.copyOf(parts);
        extensions = extensions == null ? Extensions.NONE : extensions;
    }

    public static Message of(Role role, ContentPart... parts) {
        return new Message(role, List.of(parts), Extensions.NONE);
    }

    public static Message text(Role role, String text) {
        return of(role, ContentPart.Text.of(text));
    }
}
