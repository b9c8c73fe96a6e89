package dev.switchboard.gateway;

/** Request bodies used across the tests. The prompt text is a marker that must never show up outside routing. */
public final class Bodies {

    public static final String PROMPT = "PROMPT-MARKER-7f3a do not leak this sentence";

    private Bodies() {
    }

    public static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    public static String chatWithoutModel() {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    public static String streamingChat(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT
                + "\"}]}";
    }
}
