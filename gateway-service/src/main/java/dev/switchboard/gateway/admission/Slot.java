package dev.switchboard.gateway.admission;

/**
 * A request's claim on its caller's concurrency limit. Released exactly once, whichever comes first: the response
 * ending, the gateway answering an error, or the caller going away. Not thread-safe: owned by the request's event
 * loop.
 */
public final class Slot {

    /** For callers without a concurrency limit, and for admissions made while Redis was down in fail-open mode. */
    public static final Slot NONE = new Slot(null);

    private Runnable release;

    Slot(Runnable release) {
        this.release = release;
    }

    public void release() {
        Runnable r = release;
        release = null;
        if (r != null) {
            r.run();
        }
    }

    /**
     * Holds the slot of one request while admission is in flight: the request may end (caller gone) before Redis
     * answers, and the slot must then be released as soon as it arrives.
     */
    public static final class Holder {
        private Slot slot;
        private boolean finished;

        public void attach(Slot acquired) {
            if (finished) {
                acquired.release();
            } else {
                slot = acquired;
            }
        }

        public void release() {
            finished = true;
            if (slot != null) {
                slot.release();
                slot = null;
            }
        }

        public boolean finished() {
            return finished;
        }
    }
}
