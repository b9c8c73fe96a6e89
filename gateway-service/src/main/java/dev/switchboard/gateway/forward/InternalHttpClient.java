package dev.switchboard.gateway.forward;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import dev.switchboard.gateway.GatewayConfig;

/**
 * The pooled keep-alive HTTP clients for internal hops (routing, reports, readiness probes). Bytes pass through
 * untouched: no decompression, no redirects.
 *
 * <p>
 * One client per event loop: a pool shared by all loops hands a request a connection that another loop owns, and
 * every callback of the exchange then crosses threads (measured: five wake-ups of another loop per request, a third
 * of the gateway's added latency). With a client per loop, the connection to routing lives on the loop that serves
 * the caller. {@code switchboard.gateway.routing.max-pool-size} is per loop.
 */
@Singleton
public class InternalHttpClient {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final ThreadLocal<HttpClient> perLoop = ThreadLocal.withInitial(this::create);
    private final List<HttpClient> created = new CopyOnWriteArrayList<>();

    InternalHttpClient(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.options = new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) config.routing().connectTimeout().toMillis())
                .setName("switchboard-internal");
        this.pool = new PoolOptions().setHttp1MaxSize(config.routing().maxPoolSize()).setMaxWaitQueueSize(-1);
        this.shared = create();
    }

    private HttpClient create() {
        HttpClient client = vertx.createHttpClient(options, pool);
        created.add(client);
        return client;
    }

    /** The calling event loop's client; off an event loop (a worker, a test), a shared one. */
    public HttpClient client() {
        return Context.isOnEventLoopThread() ? perLoop.get() : shared;
    }

    @PreDestroy
    void close() {
        created.forEach(HttpClient::close);
    }
}
