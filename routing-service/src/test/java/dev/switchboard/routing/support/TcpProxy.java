package dev.switchboard.routing.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/** A loopback TCP relay whose connections a test can cut, to play a network hiccup between a client and Redis. */
public final class TcpProxy implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();

    private TcpProxy(Vertx vertx, int targetPort) throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(in -> {
            in.pause();
            client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
                sockets.add(in);
                sockets.add(out);
                in.pipeTo(out);
                out.pipeTo(in);
                in.resume();
            }).onFailure(e -> in.close());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    public static TcpProxy start(Vertx vertx, int targetPort) {
        try {
            return new TcpProxy(vertx, targetPort);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TCP proxy", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** Closes every relayed connection; new ones are still accepted. */
    public void cut() {
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
        server.close();
        client.close();
    }
}
