package dev.switchboard.routing.upstream;

/** An upstream answer we cannot relay; the message is ours and safe to record, never upstream text. */
public class InvalidUpstreamResponse extends Exception {

    public InvalidUpstreamResponse(String message) {
        super(message, null, false, false);
    }
}
