package dev.switchboard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/** Plain HTTP calls against the running suite, as a client without an SDK would make them. */
final class Api {

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    record StreamReply(int status, List<String> dataLines, HttpResponse<Stream<String>> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private Api() {
    }

    static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = Suite.get().http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        String text = response.body();
        if (text != null && !text.isBlank() && text.trim().startsWith("{")) {
            body = Json.MAPPER.readTree(text);
        }
        return new Reply(response.statusCode(), body, response);
    }

    static Reply chat(String token, String json) throws IOException, InterruptedException {
        return chat(token, json, null);
    }

    static Reply chat(String token, String json, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(Suite.get().gateway.url() + "/v1/chat/completions", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return send(b.build());
    }

    static StreamReply chatStream(String token, String json) throws IOException, InterruptedException {
        HttpRequest request = request(Suite.get().gateway.url() + "/v1/chat/completions", token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<Stream<String>> response = Suite.get().http.send(request, HttpResponse.BodyHandlers.ofLines());
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).forEach(data::add);
        }
        return new StreamReply(response.statusCode(), data, response);
    }

    static Reply get(String url, String token) throws IOException, InterruptedException {
        return send(request(url, token).GET().build());
    }

    static long simulatorRequests() throws IOException, InterruptedException {
        return get(Suite.get().simulator.url() + "/_sim/stats", null).body().path("requests_total").asLong();
    }

    static String userMessage(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }
}
