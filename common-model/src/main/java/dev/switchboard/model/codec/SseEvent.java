package dev.switchboard.model.codec;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} name, {@code null} when the stream gave none (OpenAI Chat)
 * @param data the {@code data:} lines joined by {@code \n}
 */
public record SseEvent(String event, String data) {

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", " + data.length() + " chars]";
    }
}
