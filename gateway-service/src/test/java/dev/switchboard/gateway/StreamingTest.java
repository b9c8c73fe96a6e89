package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    @TestHTTPResource("/")
    URL base;

    @GatewayTestResources.Backends
    FakeBackends backends;

    @BeforeEach
    void setUp() {
        backends.reset();
    }

    @Test
    void chatEventsArriveInOrderAsRoutingSendsThem() throws Exception {
        List<String> lines = stream("v1/chat/completions", "Authorization", "Bearer " + Tokens.of("alice"),
                "stream-1", Bodies.streamingChat("stream"));
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < FakeBackends.STREAM_EVENTS; n++) {
            expected.add("data: {\"n\":" + n + "}");
        }
        expected.add("data: [DONE]");
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(backends.routeCalls.peek().header("x-sb-dialect")).isEqualTo("openai-chat");
    }

    @Test
    void responsesEventsAreRelayedWithTheirNames() throws Exception {
        List<String> lines = stream("v1/responses", "Authorization", "Bearer " + Tokens.of("alice"), "stream-2",
                Bodies.streamingResponses("stream"));
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < FakeBackends.STREAM_EVENTS; n++) {
            expected.add("event: response.output_text.delta");
            expected.add("data: {\"n\":" + n + "}");
        }
        expected.add("event: response.completed");
        expected.add("data: {\"type\":\"response.completed\"}");
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(backends.routeCalls.peek().header("x-sb-dialect")).isEqualTo("openai-responses");
    }

    @Test
    void anthropicEventsAreRelayedWithTheirNames() throws Exception {
        List<String> lines = stream("anthropic/v1/messages?beta=true", "x-api-key", Tokens.of("alice"), "stream-3",
                Bodies.streamingMessages("stream"));
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < FakeBackends.STREAM_EVENTS; n++) {
            expected.add("event: content_block_delta");
            expected.add("data: {\"n\":" + n + "}");
        }
        expected.add("event: message_stop");
        expected.add("data: {\"type\":\"message_stop\"}");
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(backends.routeCalls.peek().header("x-sb-dialect")).isEqualTo("anthropic-messages");
    }

    @Test
    void eventsRoutingSendsTogetherReachTheCallerInOneWriteAfterTheFirst() throws Exception {
        List<String> chunks = rawChunks("v1/chat/completions", Bodies.streamingChat("burst"));
        String all = String.join("", chunks);
        assertThat(all.split("\n\n")).hasSize(FakeBackends.BURST_EVENTS + 1).endsWith("data: [DONE]");
        assertThat(chunks.get(0)).as("the first event leaves at once, alone").isEqualTo("data: {\"n\":0}\n\n");
        // one write per read of routing's connection after the first, not one per event: 13 chunks before; how many
        // reads the 13 take is up to TCP and Netty's read sizing, usually one or two
        assertThat(chunks).as("chunks written to the caller for 13 events arriving together").hasSizeBetween(2, 4);
    }

    /** The data of each HTTP chunk of a streamed answer, read off a raw connection. */
    private List<String> rawChunks(String path, String body) throws Exception {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String raw;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /" + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + Tokens.of("alice") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).startsWith("HTTP/1.1 200");
        String chunked = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        List<String> chunks = new ArrayList<>();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return chunks;
            }
            chunks.add(chunked.substring(lineEnd + 2, lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
    }

    /**
     * Posts a streaming request and reads the SSE answer line by line; checks the status, headers, and that the first
     * event reached the caller while routing was still producing the rest (no buffering at the edge).
     *
     * @return the non-empty lines of the stream
     */
    private List<String> stream(String path, String authHeader, String authValue, String requestId, String body)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString() + path))
                .header(authHeader, authValue)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("x-request-id")).hasValue(requestId);

        List<String> lines = new ArrayList<>();
        long firstEventAt = 0;
        try (Stream<String> sse = response.body()) {
            Iterator<String> it = sse.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.isEmpty()) {
                    if (lines.isEmpty()) {
                        firstEventAt = System.nanoTime();
                    }
                    lines.add(line);
                }
            }
        }
        assertThat(firstEventAt).isLessThan(backends.streamFinishedAtNanos);
        assertThat(backends.routeCalls).hasSize(1);
        assertThat(backends.routeCalls.peek().header("x-sb-stream")).isEqualTo("true");
        return lines;
    }
}
