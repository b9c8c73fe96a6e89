package dev.switchboard.gateway.forward;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import dev.switchboard.gateway.GatewayConfig;

/**
 * The one pooled keep-alive HTTP client for internal hops (routing, reports, readiness probes). Bytes pass through
 * untouched: no decompression, no redirects.
 */
@ApplicationScoped
public class InternalHttpClient {

    private final HttpClient client;

    InternalHttpClient(Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) config.routing().connectTimeout().toMillis())
                .setName("switchboard-internal");
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.routing().maxPoolSize()).setMaxWaitQueueSize(-1);
        this.client = vertx.createHttpClient(options, pool);
    }

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
