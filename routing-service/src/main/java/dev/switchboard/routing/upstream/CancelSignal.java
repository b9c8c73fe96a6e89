package dev.switchboard.routing.upstream;

/** The caller went away: whatever is in flight for it should stop. */
public interface CancelSignal {

    boolean canceled();

    /** Registers the action that aborts the current upstream exchange, replacing the previous one. */
    void onCancel(Runnable abort);
}
