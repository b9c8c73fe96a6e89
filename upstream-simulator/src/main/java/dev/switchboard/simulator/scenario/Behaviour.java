package dev.switchboard.simulator.scenario;

/** How a scenario answers; the dialect decides what the answer looks like on the wire. */
public enum Behaviour {
    /** Deterministic echo answer with usage. */
    ANSWER,
    /** Echo answer after the configured extra latency of {@code sim-slow}. */
    SLOW_ANSWER,
    /** Echo answer without any usage block (in the body or in the stream). */
    ANSWER_WITHOUT_USAGE,
    /** The scenario's {@link Failure}. */
    FAIL,
    /** Odd-numbered requests to the scenario fail with a 500, even-numbered ones are answered. */
    FLAKY,
    /** Never answers; the connection is dropped after {@code simulator.hang-max-ms}. */
    HANG,
    /** Sends the start of the answer, then closes the connection abruptly. */
    CUT,
    /** Sends the start of the answer (headers, first events), then stalls. */
    STALL,
    /** Streams the start of the answer, then an in-band error event, and ends without the terminal event. */
    STREAM_ERROR,
    /** Answers a 302 redirect, which a gateway must not follow. */
    REDIRECT,
    /** Answers 200 with a body that is not valid JSON. */
    MALFORMED
}
