package dev.switchboard.model.codec;

import java.util.function.Consumer;

import dev.switchboard.model.canonical.StreamEvent;

/**
 * Keeps a decoded stream well-formed: assigns canonical block indices in order and makes sure at most one block is
 * open, closing the previous one when the upstream moves on without saying so.
 */
final class BlockTracker {

    enum Kind {
        TEXT, TOOL_CALL, THINKING
    }

    private int nextIndex;
    private int openIndex = -1;
    private Kind openKind;

    /** @return the index of the open block of that kind, opening a new one (and closing another) if needed */
    int ensureOpen(Kind kind, Consumer<StreamEvent> sink) {
        if (openIndex >= 0 && openKind == kind) {
            return openIndex;
        }
        return open(kind, null, null, sink);
    }

    /** Closes any open block and opens a new one; {@code id}/{@code name} only for tool calls. */
    int open(Kind kind, String id, String name, Consumer<StreamEvent> sink) {
        close(sink);
        int index = nextIndex++;
        openIndex = index;
        openKind = kind;
        sink.accept(switch (kind) {
            case TEXT -> new StreamEvent.TextStart(index);
            case THINKING -> new StreamEvent.ThinkingStart(index);
            case TOOL_CALL -> new StreamEvent.ToolCallStart(index, id, name);
        });
        return index;
    }

    void close(Consumer<StreamEvent> sink) {
        if (openIndex >= 0) {
            sink.accept(new StreamEvent.BlockStop(openIndex));
            openIndex = -1;
            openKind = null;
        }
    }

    boolean isOpen(Kind kind) {
        return openIndex >= 0 && openKind == kind;
    }

    int openIndex() {
        return openIndex;
    }
}
