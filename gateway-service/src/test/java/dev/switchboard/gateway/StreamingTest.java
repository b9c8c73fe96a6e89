package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class StreamingTest {

    @TestHTTPResource("/v1/chat/completions")
    URL chat;

    @GatewayTestResources.Backends
    FakeBackends backends;

    @BeforeEach
    void setUp() {
        backends.reset();
    }

    @Test
    void eventsArriveInOrderAsRoutingSendsThem() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(chat.toString()))
                .header("Authorization", "Bearer " + Tokens.of("alice"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "stream-1")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.streamingChat("stream")))
                .build();

        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("stream-1");

        List<String> events = new ArrayList<>();
        long firstEventAt = 0;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data: ")) {
                    if (events.isEmpty()) {
                        firstEventAt = System.nanoTime();
                    }
                    events.add(line.substring(6));
                }
            }
        }

        List<String> expected = new ArrayList<>();
        for (int n = 0; n < FakeBackends.STREAM_EVENTS; n++) {
            expected.add("{\"n\":" + n + "}");
        }
        expected.add("[DONE]");
        assertThat(events).containsExactlyElementsOf(expected);
        // the first event reached the caller while routing was still producing the rest: no buffering at the edge
        assertThat(firstEventAt).isLessThan(backends.streamFinishedAtNanos);
        assertThat(backends.routeCalls.peek().header("x-sb-stream")).isEqualTo("true");
    }
}
