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

    public static String responses(String model) {
        return "{\"model\":\"" + model + "\",\"input\":\"" + PROMPT + "\"}";
    }

    public static String streamingResponses(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"input\":[{\"role\":\"user\",\"content\":\"" + PROMPT
                + "\"}]}";
    }

    public static String messages(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}]}";
    }

    public static String streamingMessages(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + PROMPT + "\"}]}";
    }

    /** A {@code count_tokens} body as Claude Code sends it: no {@code max_tokens}, a system prompt and a tool. */
    public static String countTokens(String model) {
        return "{\"model\":\"" + model
                + "\",\"system\":[{\"type\":\"text\",\"text\":\"You are a careful assistant.\"}],"
                + "\"tools\":[{\"name\":\"read_file\",\"description\":\"Reads a file\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}";
    }
}
