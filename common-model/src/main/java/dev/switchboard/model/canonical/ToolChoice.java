package dev.switchboard.model.canonical;

/** How the model may use the tools. {@code toolName} is set only for {@link Mode#NAMED}. */
public record ToolChoice(Mode mode, String toolName) {

    public enum Mode {
        AUTO, NONE, REQUIRED, NAMED
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice named(String toolName) {
        return new ToolChoice(Mode.NAMED, toolName);
    }

    /** The model must call some tool. */
    public boolean forcesToolUse() {
        return mode == Mode.REQUIRED || mode == Mode.NAMED;
    }
}
