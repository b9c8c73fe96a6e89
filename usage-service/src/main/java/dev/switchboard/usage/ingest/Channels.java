package dev.switchboard.usage.ingest;

/** Channel names, declared in application.properties and named after their topics. */
final class Channels {

    /** Topic {@code switchboard.usage.v1}. */
    static final String USAGE_IN = "switchboard-usage-v1";
    /** Topic {@code switchboard.usage.dlq}. */
    static final String DEAD_LETTERS = "switchboard-usage-dlq";

    private Channels() {
    }
}
