package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.json.Json;

class JsonBuffersTest {

    @Test
    void writesTheSameBytesAsJacksonAfterWhatTheBufferHolds() throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "m").put("text", "héllo \u2603 \"quoted\"");
        body.putArray("n").add(1).add(2.5).addNull();

        Buffer written = JsonBuffers.append(Buffer.buffer(2).appendString("data: "), body);

        assertThat(written.getBytes()).isEqualTo(Buffer.buffer("data: ")
                .appendBytes(Json.MAPPER.writeValueAsBytes(body)).getBytes());
    }

    @Test
    void growsPastJacksonsOutputChunks() throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < 2_000; i++) {
            messages.addObject().put("role", "user").put("content", "message number " + i);
        }
        byte[] expected = Json.MAPPER.writeValueAsBytes(body);

        Buffer written = JsonBuffers.append(Buffer.buffer(16), body);

        assertThat(expected.length).isGreaterThan(50_000);
        assertThat(written.getBytes()).isEqualTo(expected);
    }
}
