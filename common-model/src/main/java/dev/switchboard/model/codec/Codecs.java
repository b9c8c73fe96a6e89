package dev.switchboard.model.codec;

import dev.switchboard.model.dialect.Dialect;

/** The default codec of each dialect (system clock, default Anthropic {@code max_tokens}). */
public final class Codecs {

    private static final DialectCodec CHAT = new OpenAiChatCodec();
    private static final DialectCodec RESPONSES = new OpenAiResponsesCodec();
    private static final DialectCodec ANTHROPIC = new AnthropicMessagesCodec();

    private Codecs() {
    }

    public static DialectCodec of(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> CHAT;
            case OPENAI_RESPONSES -> RESPONSES;
            case ANTHROPIC_MESSAGES -> ANTHROPIC;
        };
    }
}
