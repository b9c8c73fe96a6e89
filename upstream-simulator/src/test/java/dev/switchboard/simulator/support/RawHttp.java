package dev.switchboard.simulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 exchange on a bare socket, for scenarios that misbehave on purpose (hang, cut connections) where an
 * HTTP client would hide what happened on the wire.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp post(URL base, String path, String json, Map<String, String> headers) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        StringBuilder request = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return new RawHttp(socket);
    }

    /** Reads until the server closes the connection or nothing arrives for {@code idleMs}. */
    public Received read(int idleMs) throws IOException {
        socket.setSoTimeout(idleMs);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            return new Received(received.toString(StandardCharsets.UTF_8), true);
        } catch (SocketTimeoutException e) {
            return new Received(received.toString(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            // a reset counts as closed by the server
            return new Received(received.toString(StandardCharsets.UTF_8), true);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** @param closedByServer the server closed (or reset) the connection; {@code false} when the read timed out */
    public record Received(String text, boolean closedByServer) {
    }
}
