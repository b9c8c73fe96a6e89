package dev.switchboard.gateway.forward;

import java.net.URI;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** An internal service's base URL, parsed once. */
public record Endpoint(String host, int port, boolean ssl, String basePath) {

    public static Endpoint of(URI url) {
        boolean ssl = "https".equalsIgnoreCase(url.getScheme());
        if (url.getHost() == null || !(ssl || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Endpoint(url.getHost(), port, ssl, path);
    }

    public RequestOptions request(HttpMethod method, String pathAndQuery, MultiMap headers, long idleTimeoutMs) {
        return new RequestOptions().setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(basePath + pathAndQuery)
                .setHeaders(headers)
                .setIdleTimeout(idleTimeoutMs);
    }
}
