package dev.switchboard.routing;

import static dev.switchboard.routing.support.Calls.chat;
import static dev.switchboard.routing.support.Calls.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.core.json.JsonObject;

import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.support.Calls;
import dev.switchboard.routing.support.FakeUpstream;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.UsageSink;

@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class StreamingRouteTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void relaysEventsInOrderAndHidesTheUsageChunkTheCallerDidNotAskFor() {
        String id = newRequestId();
        Response response = Calls.route(id, chat("plain", "stream it").put("stream", true));

        response.then().statusCode(200).header("content-type", containsString("text/event-stream"))
                .header("x-request-id", id);
        List<String> data = dataLines(response.asString());
        assertThat(data).hasSize(5);
        assertThat(data.get(0)).contains("\"role\":\"assistant\"");
        assertThat(data.get(1)).contains("\"content\":\"Hello\"");
        assertThat(data.get(2)).contains("\"content\":\" world\"");
        assertThat(data.get(3)).contains("\"finish_reason\":\"stop\"");
        assertThat(data.get(4)).isEqualTo("[DONE]");
        assertThat(response.asString()).as("neither the usage chunk nor usage:null fields").doesNotContain("usage");

        FakeUpstream.Seen upstream = FakeUpstream.seenFor(id).get(0);
        assertThat(upstream.body().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.stream()).isTrue();
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.tokenSource()).isEqualTo("upstream");
        assertThat(event.inputTokens()).isEqualTo(12);
        assertThat(event.outputTokens()).isEqualTo(5);
        assertThat(event.ttfbMs()).isNotNull();
        assertThat(event.totalCostUsd()).isPositive();
    }

    @Test
    void relaysTheUsageChunkWhenTheCallerAskedForIt() {
        String id = newRequestId();
        JsonObject body = chat("plain", "with usage").put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true));
        Response response = Calls.route(id, body);

        response.then().statusCode(200);
        List<String> data = dataLines(response.asString());
        assertThat(data).hasSize(6);
        assertThat(data.get(4)).contains("\"choices\":[]").contains("\"prompt_tokens\":12");
        assertThat(data.get(5)).isEqualTo("[DONE]");
    }

    @Test
    void countsStreamedOutputWhenTheUpstreamReportsNoUsage() {
        String id = newRequestId();
        Calls.route(id, chat("nousage", "no usage here").put("stream", true)).then().statusCode(200);

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.tokenSource()).isEqualTo("estimated");
        assertThat(event.outputTokens()).isEqualTo(TokenCounter.count("Hello world"));
        assertThat(event.inputTokens()).isEqualTo(9);
    }

    @Test
    void endsTheStreamWithoutTerminalEventWhenTheUpstreamCutsIt() {
        String id = newRequestId();
        Response response = Calls.route(id, chat("cut", "cut me off").put("stream", true));

        response.then().statusCode(200);
        String text = response.asString();
        assertThat(text).contains("Hello").contains(" partial").doesNotContain("[DONE]").doesNotContain("error");

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.errorType()).isEqualTo("upstream-failed");
        assertThat(event.errorClass()).isEqualTo("upstream_stream_interrupted");
        assertThat(event.attemptCount()).as("no fallback after the first event").isEqualTo(1);
        assertThat(event.attempts().get(0).selected()).isTrue();
        assertThat(event.tokenSource()).isEqualTo("estimated");
    }

    @Test
    void cancelsTheUpstreamWhenTheGatewayGoesAway() throws Exception {
        String id = newRequestId();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            sendStreamRequest(socket, id, "drip", "keep talking", "x-sb-received-at: " + System.currentTimeMillis());
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!received.toString().contains("tick")) {
                int n = in.read(buffer);
                assertThat(n).as("stream delivers events before the cancel").isPositive();
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(received).contains("200");
        }

        long until = System.currentTimeMillis() + 5_000;
        while (!FakeUpstream.canceled().contains(id) && System.currentTimeMillis() < until) {
            UsageSink.sleep(20);
        }
        assertThat(FakeUpstream.canceled()).as("upstream request reset").contains(id);
        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(499);
        assertThat(event.errorClass()).isEqualTo("client_canceled");
        assertThat(event.attempts()).hasSize(1);
        assertThat(event.attempts().get(0).clientCanceled()).isTrue();
        assertThat(event.attempts().get(0).selected()).as("events had reached the caller").isTrue();
    }

    @Test
    void eventsThatArriveTogetherLeaveTogether() throws Exception {
        // the fake upstream writes its five-event stream in two pieces
        List<String> chunks = streamedChunks("plain");
        assertThat(dataLines(String.join("", chunks))).hasSize(5).endsWith("[DONE]");
        // one write per upstream read, not one per event (how the reads split the stream is up to TCP)
        assertThat(chunks).as("chunks written for 5 events").hasSizeLessThan(5);
    }

    @Test
    void eventsSentEachInItsOwnChunkLeaveInOneWriteAfterTheFirst() throws Exception {
        // twelve events and [DONE], each its own HTTP chunk, all written by the upstream at once
        List<String> chunks = streamedChunks("burst");
        assertThat(dataLines(String.join("", chunks))).hasSize(13).endsWith("[DONE]");
        assertThat(dataLines(chunks.get(0))).as("the first event leaves at once, alone").hasSize(1);
        // one write per upstream read after the first, not one per event: 13 chunks before; how many reads the 13
        // take is up to TCP and Netty's read sizing, usually one
        assertThat(chunks).as("chunks written for 13 events arriving together").hasSizeBetween(2, 4);
    }

    /** The data of each HTTP chunk routing wrote for one stream of {@code group}, read off the raw connection. */
    private static List<String> streamedChunks(String group) throws IOException {
        String raw;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            sendStreamRequest(socket, newRequestId(), group, "stream it", "Connection: close");
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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

    /** A streaming Chat request to routing written by hand, for tests that watch the raw connection. */
    private static void sendStreamRequest(Socket socket, String id, String group, String prompt, String extraHeader)
            throws IOException {
        byte[] body = chat(group, prompt).put("stream", true).encode().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + Calls.PATH + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-sb-internal-token: " + RoutingTestResource.INTERNAL_TOKEN + "\r\n"
                + "x-request-id: " + id + "\r\n"
                + "x-sb-dialect: openai-chat\r\n"
                + "x-sb-group: " + group + "\r\n"
                + "x-sb-stream: true\r\n"
                + "x-sb-caller-id: team-a\r\n"
                + extraHeader + "\r\n"
                + "\r\n";
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static List<String> dataLines(String sse) {
        return Arrays.stream(sse.split("\n"))
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring("data: ".length()))
                .toList();
    }
}
