package dev.switchboard.routing.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

import dev.switchboard.routing.support.RoutingTestResource;

/** Upstream connections stay on the event loop that serves the request: one pooled client per loop. */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class UpstreamClientLoopsTest {

    @Inject
    UpstreamClient upstream;

    @Inject
    Vertx vertx;

    @Test
    void eachEventLoopHasItsOwnPoolAndKeepsIt() throws Exception {
        Context loopA = newContext();
        Context loopB = newContext();

        HttpClient a = clientOn(loopA);
        assertThat(clientOn(loopA)).isSameAs(a);
        assertThat(clientOn(loopB)).as("another loop, another pool").isNotSameAs(a);
        assertThat(upstream.client()).as("off the loops: one shared client").isSameAs(upstream.client())
                .isNotSameAs(a);
    }

    private HttpClient clientOn(Context context) throws Exception {
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(v -> client.complete(upstream.client()));
        return client.get(5, TimeUnit.SECONDS);
    }

    /** A context of its own: Vert.x hands each new thread's first context the next event loop, round robin. */
    private Context newContext() throws Exception {
        CompletableFuture<Context> context = new CompletableFuture<>();
        new Thread(() -> context.complete(vertx.getOrCreateContext())).start();
        return context.get(5, TimeUnit.SECONDS);
    }
}
