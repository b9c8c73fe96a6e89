package dev.switchboard.usage.ingest;

import org.apache.kafka.common.header.Headers;

/**
 * A record that cannot be stored, on its way to the dead-letter topic.
 *
 * @param reason safe text: derived from the failure, never from the payload
 */
record Rejected(String topic, int partition, long offset, String key, byte[] payload, Headers headers, String reason) {
}
