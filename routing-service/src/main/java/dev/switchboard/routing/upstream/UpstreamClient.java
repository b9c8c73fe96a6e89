package dev.switchboard.routing.upstream;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import dev.switchboard.model.build.BuildInfo;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.RoutingConfig;
import dev.switchboard.routing.backoff.RetryAfter;

/**
 * The one place that calls upstreams. Pooled HTTP/1.1 keep-alive connections per host; redirects are never followed;
 * only the headers listed here are sent (the provider key for the selected target, the request ID, content
 * negotiation), never anything of the caller's. Every exchange ends exactly once: success, a classified failure, a
 * broken stream or a cancellation, and a request that is abandoned is reset so the upstream stops working on it.
 */
@Singleton
public class UpstreamClient {

    static final int ERROR_BODY_INSPECT_BYTES = 16 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final Vertx vertx;
    private final ProviderKeys keys;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final ThreadLocal<HttpClient> perLoop = ThreadLocal.withInitial(this::create);
    private final List<HttpClient> created = new CopyOnWriteArrayList<>();
    private final int maxStreamEventBytes;
    private final String userAgent;
    private final Map<String, String> hostsByBaseUrl = new ConcurrentHashMap<>();

    UpstreamClient(Vertx vertx, ProviderKeys keys, RoutingConfig config) {
        this.vertx = vertx;
        this.keys = keys;
        RoutingConfig.UpstreamClient c = config.upstreamClient();
        this.maxStreamEventBytes = c.maxStreamEventBytes();
        this.userAgent = "switchboard-router/" + BuildInfo.load(UpstreamClient.class.getClassLoader()).version();
        HttpClientOptions options = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, c.keepAliveTimeout().toSeconds()))
                .setConnectTimeout((int) c.connectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setForceSni(true)
                .setVerifyHost(true);
        this.options = options;
        this.pool = new PoolOptions().setHttp1MaxSize(c.maxConnectionsPerHost());
        this.shared = create();
    }

    private HttpClient create() {
        HttpClient client = vertx.createHttpClient(options, pool);
        created.add(client);
        return client;
    }

    /**
     * The calling event loop's client (off an event loop, a shared one). One pool per loop keeps an upstream
     * connection on the loop that serves the request: a shared pool hands out connections other loops own, and every
     * callback of the exchange then crosses threads.
     */
    HttpClient client() {
        return Context.isOnEventLoopThread() ? perLoop.get() : shared;
    }

    @PreDestroy
    void close() {
        created.forEach(HttpClient::close);
    }

    /** Must be subscribed on the request's event loop: all callbacks of the exchange run there. */
    public Uni<AttemptResult> call(UpstreamCall call) {
        return Uni.createFrom().emitter(emitter -> new Exchange(call, emitter).start());
    }

    /** {@code host:port} of a target, for attempt rows: never the full URL. */
    public String endpointHost(ResolvedTarget target) {
        return hostsByBaseUrl.computeIfAbsent(target.provider().baseUrl(), UpstreamClient::hostOf);
    }

    static String hostOf(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.trim());
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    static String url(String baseUrl, String path) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }

    MultiMap headers(UpstreamCall call) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        call.target().provider().headers().forEach((name, value) -> {
            if (name != null && value != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                headers.set(name, value);
            }
        });
        headers.set("content-type", "application/json");
        headers.set("accept", call.stream() == null ? "application/json" : "text/event-stream");
        headers.set("accept-encoding", "identity");
        headers.set("user-agent", userAgent);
        headers.set("x-request-id", call.requestId());
        call.request().headers().forEach(headers::set);
        Optional<String> key = keys.keyFor(call.target().providerName(), call.target().provider());
        key.ifPresent(k -> call.shaped().adapter().authHeaders(k).forEach(headers::set));
        return headers;
    }

    /** State of one attempt; confined to the event loop that started it. */
    private final class Exchange {

        private final UpstreamCall call;
        private final UniEmitter<? super AttemptResult> emitter;
        private final long startNanos = System.nanoTime();
        private final long startedAtMs = System.currentTimeMillis();
        private HttpClientRequest request;
        private long attemptTimer = -1;
        private long deadlineTimer = -1;
        private boolean done;
        private boolean timedOut;
        private boolean committed;
        private Integer status;
        private Long firstByteMs;
        private Long retryAfterMs;
        private String contentType;
        private StreamTranscoder transcoder;

        Exchange(UpstreamCall call, UniEmitter<? super AttemptResult> emitter) {
            this.call = call;
            this.emitter = emitter;
        }

        void start() {
            if (call.cancel().canceled()) {
                end(AttemptResult.Outcome.CANCELED, UpstreamErrorClass.CLIENT_CANCELED, "caller closed the connection");
                return;
            }
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                    .setAbsoluteURI(url(call.target().provider().baseUrl(), call.request().path()))
                    .setFollowRedirects(false)
                    .setHeaders(headers(call));
            attemptTimer = vertx.setTimer(Math.max(1, call.attemptTimeoutMs()), id -> onTimeout());
            call.cancel().onCancel(this::onCancel);
            client().request(options).onComplete(ar -> {
                if (done) {
                    if (ar.succeeded()) {
                        ar.result().reset();
                    }
                    return;
                }
                if (ar.failed()) {
                    end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.CONNECT_ERROR,
                            "could not connect to the upstream");
                    return;
                }
                request = ar.result();
                request.exceptionHandler(this::onError);
                request.response().onComplete(response -> {
                    if (response.succeeded()) {
                        onResponse(response.result());
                    } else {
                        onError(response.cause());
                    }
                });
                request.end(call.request().body());
            });
        }

        private void onResponse(HttpClientResponse response) {
            if (done) {
                return;
            }
            status = response.statusCode();
            firstByteMs = elapsedMs();
            contentType = response.getHeader("content-type");
            retryAfterMs = RetryAfter.parseMillis(response.getHeader("retry-after-ms"),
                    response.getHeader("retry-after"), System.currentTimeMillis());
            response.exceptionHandler(this::onError);
            if (status < 200 || status >= 300) {
                readError(response);
            } else if (call.stream() == null) {
                readBody(response);
            } else {
                relay(response);
            }
        }

        private void readError(HttpClientResponse response) {
            if (status >= 300 && status < 400) {
                failAndAbort(UpstreamErrorClass.REDIRECT, "upstream answered a redirect, which is not followed");
                return;
            }
            Buffer inspected = Buffer.buffer();
            response.handler(chunk -> {
                if (done) {
                    return;
                }
                int room = ERROR_BODY_INSPECT_BYTES - inspected.length();
                inspected.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                if (inspected.length() >= ERROR_BODY_INSPECT_BYTES) {
                    // enough to classify; the rest is not worth reading
                    failAndAbort(UpstreamErrors.classify(status, inspected.getBytes()), statusMessage());
                }
            });
            response.endHandler(v -> {
                if (!done) {
                    end(AttemptResult.Outcome.FAILED, UpstreamErrors.classify(status, inspected.getBytes()),
                            statusMessage());
                }
            });
        }

        private void readBody(HttpClientResponse response) {
            long max = call.maxResponseBytes();
            String declared = response.getHeader("content-length");
            if (declared != null && parseLong(declared) > max) {
                failAndAbort(UpstreamErrorClass.RESPONSE_TOO_LARGE, "upstream answer exceeds " + max + " bytes");
                return;
            }
            Buffer body = Buffer.buffer(declared == null ? 4096 : (int) Math.max(0, parseLong(declared)));
            response.handler(chunk -> {
                if (done) {
                    return;
                }
                if (body.length() + chunk.length() > max) {
                    failAndAbort(UpstreamErrorClass.RESPONSE_TOO_LARGE, "upstream answer exceeds " + max + " bytes");
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.endHandler(v -> {
                if (done) {
                    return;
                }
                try {
                    ResponseFacts facts = call.shaped().reader().read(body);
                    if (facts.contentType() != null) {
                        contentType = facts.contentType();
                    }
                    succeed(facts.callerBody(), facts.usage(), facts.outputText(), facts);
                } catch (InvalidUpstreamResponse e) {
                    end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.INVALID_RESPONSE, e.getMessage());
                }
            });
        }

        private void relay(HttpClientResponse response) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                failAndAbort(UpstreamErrorClass.INVALID_RESPONSE, "upstream did not answer with an event stream");
                return;
            }
            transcoder = call.shaped().transcoders().create();
            SseEventSplitter splitter = new SseEventSplitter(maxStreamEventBytes);
            response.handler(chunk -> {
                if (done) {
                    return;
                }
                // every event of one upstream read leaves in one write: fewer wake-ups for the gateway and caller
                Buffer batch = Buffer.buffer(chunk.length() + 64);
                try {
                    splitter.feed(chunk, event -> transcode(event, batch));
                    if (batch.length() > 0) {
                        deliver(batch, response);
                    }
                } catch (InvalidUpstreamResponse e) {
                    if (batch.length() > 0) {
                        // what came before the bad event is the caller's
                        deliver(batch, response);
                    }
                    if (committed) {
                        end(AttemptResult.Outcome.BROKEN_STREAM, UpstreamErrorClass.STREAM_INTERRUPTED,
                                e.getMessage());
                        abort();
                    } else {
                        failAndAbort(UpstreamErrorClass.INVALID_RESPONSE, e.getMessage());
                    }
                }
            });
            response.endHandler(v -> {
                if (done) {
                    return;
                }
                boolean partial = splitter.hasPartialEvent();
                try {
                    Buffer owed = transcoder.onEnd();
                    if (owed != null) {
                        deliver(owed, response);
                    }
                } catch (InvalidUpstreamResponse e) {
                    if (committed) {
                        end(AttemptResult.Outcome.BROKEN_STREAM, UpstreamErrorClass.STREAM_INTERRUPTED,
                                e.getMessage());
                    } else {
                        end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.INVALID_RESPONSE, e.getMessage());
                    }
                    return;
                }
                if (transcoder.complete() && !partial) {
                    succeed(null, transcoder.usage(), transcoder.outputText(), null);
                } else if (committed) {
                    end(AttemptResult.Outcome.BROKEN_STREAM, UpstreamErrorClass.STREAM_INTERRUPTED,
                            "upstream ended the stream without its terminal event");
                } else {
                    end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.INVALID_RESPONSE,
                            "upstream ended the stream before any event");
                }
            });
        }

        private void transcode(Buffer event, Buffer batch) throws InvalidUpstreamResponse {
            Buffer out = transcoder.onEvent(event);
            if (out != null) {
                batch.appendBuffer(out);
            }
        }

        private void deliver(Buffer out, HttpClientResponse response) {
            if (!committed) {
                // no fallback after the first streamed byte: the caller already has a 200
                committed = true;
                vertx.cancelTimer(attemptTimer);
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime());
                deadlineTimer = vertx.setTimer(Math.max(1, remainingMs), id -> onTimeout());
            }
            CallerStream stream = call.stream();
            stream.write(out);
            if (stream.writeQueueFull()) {
                response.pause();
                stream.drainHandler(() -> {
                    if (!done) {
                        response.resume();
                    }
                });
            }
        }

        private void onTimeout() {
            if (done) {
                return;
            }
            timedOut = true;
            if (committed) {
                end(AttemptResult.Outcome.BROKEN_STREAM, UpstreamErrorClass.TIMEOUT,
                        "upstream deadline reached while streaming");
            } else {
                end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.TIMEOUT,
                        "no upstream answer within " + call.attemptTimeoutMs() + " ms");
            }
            abort();
        }

        private void onError(Throwable failure) {
            if (done) {
                return;
            }
            if (committed) {
                end(AttemptResult.Outcome.BROKEN_STREAM, UpstreamErrorClass.STREAM_INTERRUPTED,
                        "upstream connection failed while streaming");
            } else {
                end(AttemptResult.Outcome.FAILED, UpstreamErrorClass.NETWORK_ERROR, "upstream connection failed");
            }
            abort();
        }

        private void onCancel() {
            if (done) {
                return;
            }
            end(AttemptResult.Outcome.CANCELED, UpstreamErrorClass.CLIENT_CANCELED, "caller closed the connection");
            abort();
        }

        private void failAndAbort(UpstreamErrorClass errorClass, String message) {
            end(AttemptResult.Outcome.FAILED, errorClass, message);
            abort();
        }

        private void abort() {
            if (request != null) {
                // HTTP/1.1: closes the connection, so the upstream stops generating
                request.reset();
            }
        }

        private void succeed(Buffer body, TokenUsage usage, CharSequence text, ResponseFacts facts) {
            finish(new AttemptResult(AttemptResult.Outcome.SUCCESS, status, null, null, retryAfterMs, false, committed,
                    startedAtMs, elapsedMs(), firstByteMs, body, contentType, usage, text,
                    facts != null ? facts.reportedCostUsd() : transcoder.reportedCostUsd()));
        }

        private void end(AttemptResult.Outcome outcome, UpstreamErrorClass errorClass, String message) {
            TokenUsage usage = transcoder == null ? null : transcoder.usage();
            CharSequence text = transcoder == null ? null : transcoder.outputText();
            finish(new AttemptResult(outcome, status, errorClass, message, retryAfterMs, timedOut, committed,
                    startedAtMs, elapsedMs(), firstByteMs, null, contentType, usage, text,
                    transcoder == null ? null : transcoder.reportedCostUsd()));
        }

        private void finish(AttemptResult result) {
            if (done) {
                return;
            }
            done = true;
            vertx.cancelTimer(attemptTimer);
            if (deadlineTimer >= 0) {
                vertx.cancelTimer(deadlineTimer);
            }
            call.cancel().onCancel(null);
            if (transcoder != null) {
                transcoder.close();
            }
            emitter.complete(result);
        }

        private String statusMessage() {
            return "upstream answered HTTP " + status;
        }

        private long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
