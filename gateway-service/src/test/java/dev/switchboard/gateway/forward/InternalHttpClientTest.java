package dev.switchboard.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;

import dev.switchboard.gateway.GatewayTestResources;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class InternalHttpClientTest {

    @Inject
    InternalHttpClient clients;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "switchboard.routing.url")
    URI routingUrl;

    @Test
    void eachEventLoopKeepsItsOwnConnectionsToRouting() throws Exception {
        Context loopA = newContext();
        Context loopB = newContext();
        assertThat(loopA.isEventLoopContext()).isTrue();
        assertThat(threadOf(loopA)).as("two contexts on two event loops").isNotEqualTo(threadOf(loopB));

        int first = localPortOfRequestOn(loopA);
        int again = localPortOfRequestOn(loopA);
        int other = localPortOfRequestOn(loopB);

        assertThat(again).as("the same loop reuses its idle connection").isEqualTo(first);
        // a pool shared by all loops would hand loop B the idle connection loop A owns
        assertThat(other).as("another loop gets a connection of its own").isNotEqualTo(first);
    }

    @Test
    void offAnEventLoopASharedClientServes() {
        assertThat(clients.client()).isSameAs(clients.client());
    }

    private int localPortOfRequestOn(Context context) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Endpoint routing = Endpoint.of(routingUrl);
        context.runOnContext(v -> clients.client()
                .request(routing.request(HttpMethod.GET, "/anything", HttpHeaders.headers(), 5_000))
                .compose(request -> {
                    int local = request.connection().localAddress().port();
                    return request.send().compose(response -> response.body().map(body -> local));
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        port.complete(done.result());
                    } else {
                        port.completeExceptionally(done.cause());
                    }
                }));
        return port.get(10, TimeUnit.SECONDS);
    }

    /** A context of its own: Vert.x hands each new thread's first context the next event loop, round robin. */
    private Context newContext() throws Exception {
        CompletableFuture<Context> context = new CompletableFuture<>();
        new Thread(() -> context.complete(vertx.getOrCreateContext())).start();
        return context.get(5, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        return thread.get(5, TimeUnit.SECONDS);
    }
}
