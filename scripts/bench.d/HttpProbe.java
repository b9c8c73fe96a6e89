import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two measurements of scripts/bench that wrk cannot make, on plain blocking sockets (HTTP/1.1, keep-alive, no
 * client library in the measured path):
 *
 * <pre>
 *   java HttpProbe.java open-loop --url URL --body FILE --rate N --seconds S [--warmup S] [--workers W]
 *                                 [--header 'K: V']...
 *   java HttpProbe.java ttfb      --url URL --body FILE --count N [--warmup N] [--header 'K: V']...
 *   java HttpProbe.java closed    --url URL --body FILE --seconds S [--warmup S] [--header 'K: V']...
 * </pre>
 *
 * open-loop: request i is due at start + i/rate, whatever happened to earlier requests (constant rate, like wrk2).
 * A dispatcher hands each due request to the first idle worker (one keep-alive connection per worker). Latency is
 * measured from the due time, not from the send, so a stall counts against every request that should have been sent
 * during it (no coordinated omission). The service time (send to last byte) is reported too.
 *
 * The warm-up (default 2 s, or 200 requests) runs the same schedule first, unrecorded: it warms up this JVM.
 *
 * ttfb: sequential streaming requests on one connection; time from the request's write to the first body byte
 * (the first SSE event) and to the last byte.
 *
 * closed: one connection, one request at a time, as wrk -t1 -c1 does, timed from the request's write to its last
 * byte by a thread that blocks on the socket. scripts/bench runs it beside wrk because wrk's own tail at one
 * connection is larger than the floor's (docs/performance.md).
 *
 * The environment variable SB_BENCH_TOKEN, when set, is sent as "Authorization: Bearer ...", so that the token never
 * appears on a command line. Prints one JSON object on stdout; latencies in microseconds.
 */
public class HttpProbe {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            String v = args[++i];
            if (a.equals("--header")) {
                headers.add(v);
            } else {
                opts.put(a.substring(2), v);
            }
        }
        String token = System.getenv("SB_BENCH_TOKEN");
        if (token != null && !token.isEmpty()) {
            headers.add("Authorization: Bearer " + token);
        }
        Target target = new Target(URI.create(req(opts, "url")), Files.readAllBytes(Path.of(req(opts, "body"))),
                headers);
        switch (args[0]) {
            case "open-loop" -> openLoop(target, Integer.parseInt(req(opts, "rate")),
                    Double.parseDouble(req(opts, "seconds")), Double.parseDouble(opts.getOrDefault("warmup", "2")),
                    Integer.parseInt(opts.getOrDefault("workers", "32")));
            case "ttfb" -> ttfb(target, Integer.parseInt(req(opts, "count")),
                    Integer.parseInt(opts.getOrDefault("warmup", "200")));
            case "closed" -> closedLoop(target, Double.parseDouble(req(opts, "seconds")),
                    Double.parseDouble(opts.getOrDefault("warmup", "2")));
            default -> usage();
        }
    }

    private static String req(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            System.err.println("missing --" + key);
            usage();
        }
        return v;
    }

    private static void usage() {
        System.err.println("usage: HttpProbe open-loop|ttfb|closed --url URL --body FILE [--rate N] [--seconds S]"
                + " [--count N] [--header 'K: V']...");
        System.exit(2);
    }

    // --- open loop ------------------------------------------------------------------------------------------------

    private static final long POISON = Long.MIN_VALUE;

    private static void openLoop(Target target, int rate, double seconds, double warmupSeconds, int workers)
            throws Exception {
        int warm = (int) Math.round(rate * warmupSeconds);
        int total = warm + (int) Math.round(rate * seconds);
        long periodNs = 1_000_000_000L / rate;
        long[] latency = new long[total];
        long[] service = new long[total];
        Arrays.fill(latency, -1);
        AtomicLong errors = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong maxBacklog = new AtomicLong();
        LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                KeepAlive conn = new KeepAlive(target);
                while (true) {
                    long i;
                    try {
                        i = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (i == POISON) {
                        conn.close();
                        return;
                    }
                    long due = start + i * periodNs;
                    long sent = System.nanoTime();
                    try {
                        Response r = conn.exchange(false);
                        if ((r.status < 200 || r.status > 299) && i >= warm) {
                            non2xx.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (i >= warm) {
                            errors.incrementAndGet();
                        }
                    }
                    long done = System.nanoTime();
                    latency[(int) i] = (done - due) / 1000;
                    service[(int) i] = (done - sent) / 1000;
                }
            }, "probe-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNs;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            queue.add((long) i);
            long backlog = queue.size();
            if (backlog > maxBacklog.get()) {
                maxBacklog.set(backlog);
            }
        }
        for (int w = 0; w < workers; w++) {
            queue.add(POISON);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        long elapsedNs = System.nanoTime() - (start + warm * periodNs);
        long unfinished = Arrays.stream(latency, warm, total).filter(v -> v < 0).count();
        long[] lat = Arrays.stream(latency, warm, total).filter(v -> v >= 0).sorted().toArray();
        long[] svc = Arrays.stream(service, warm, total).filter(v -> v >= 0).sorted().toArray();
        StringBuilder out = new StringBuilder("{");
        out.append("\"mode\":\"open-loop\",\"rate\":").append(rate).append(",\"seconds\":").append(seconds);
        out.append(",\"scheduled\":").append(total - warm).append(",\"completed\":").append(lat.length);
        out.append(",\"unfinished\":").append(unfinished).append(",\"errors\":").append(errors.get());
        out.append(",\"non2xx\":").append(non2xx.get()).append(",\"workers\":").append(workers);
        out.append(",\"max_backlog\":").append(maxBacklog.get());
        out.append(String.format(Locale.ROOT, ",\"achieved_rps\":%.1f", lat.length / (elapsedNs / 1e9)));
        out.append(",\"latency_us\":").append(percentiles(lat));
        out.append(",\"service_us\":").append(percentiles(svc)).append('}');
        System.out.println(out);
    }

    // --- closed loop: one connection, one request at a time ----------------------------------------------------------

    private static void closedLoop(Target target, double seconds, double warmupSeconds) throws Exception {
        long[] latency = new long[1 << 16];
        int n = 0;
        int errors = 0;
        int non2xx = 0;
        long measureFrom = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long sent;
        try (KeepAlive conn = new KeepAlive(target)) {
            while ((sent = System.nanoTime()) < end) {
                boolean measured = sent >= measureFrom;
                try {
                    Response r = conn.exchange(false);
                    if (measured) {
                        if (n == latency.length) {
                            latency = Arrays.copyOf(latency, n * 2);
                        }
                        latency[n++] = (r.endNs - r.startNs) / 1000;
                        if (r.status < 200 || r.status > 299) {
                            non2xx++;
                        }
                    }
                } catch (IOException e) {
                    if (measured) {
                        errors++;
                    }
                }
            }
        }
        long[] lat = Arrays.copyOf(latency, n);
        Arrays.sort(lat);
        System.out.println("{\"mode\":\"closed\",\"seconds\":" + seconds + ",\"completed\":" + n
                + ",\"errors\":" + errors + ",\"non2xx\":" + non2xx
                + String.format(Locale.ROOT, ",\"rps\":%.1f", n / seconds)
                + ",\"latency_us\":" + percentiles(lat) + "}");
    }

    // --- time to first byte ---------------------------------------------------------------------------------------

    private static void ttfb(Target target, int count, int warmup) throws Exception {
        long[] first = new long[count];
        long[] total = new long[count];
        int n = 0;
        int errors = 0;
        int non2xx = 0;
        long events = 0;
        try (KeepAlive conn = new KeepAlive(target)) {
            for (int i = -warmup; i < count; i++) {
                try {
                    Response r = conn.exchange(true);
                    if (i < 0) {
                        continue;
                    }
                    if (r.status < 200 || r.status > 299) {
                        non2xx++;
                    }
                    first[n] = (r.firstByteNs - r.startNs) / 1000;
                    total[n] = (r.endNs - r.startNs) / 1000;
                    events += r.events;
                    n++;
                } catch (IOException e) {
                    if (i >= 0) {
                        errors++;
                    }
                }
            }
        }
        long[] f = Arrays.copyOf(first, n);
        long[] t = Arrays.copyOf(total, n);
        Arrays.sort(f);
        Arrays.sort(t);
        System.out.println("{\"mode\":\"ttfb\",\"count\":" + count + ",\"completed\":" + n + ",\"errors\":" + errors
                + ",\"non2xx\":" + non2xx + ",\"events_per_stream\":" + (n == 0 ? 0 : events / n)
                + ",\"ttfb_us\":" + percentiles(f) + ",\"total_us\":" + percentiles(t) + "}");
    }

    private static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "null";
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return String.format(Locale.ROOT,
                "{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d,\"mean\":%.1f,\"n\":%d}", at(sorted, 50),
                at(sorted, 90), at(sorted, 99), at(sorted, 99.9), sorted[sorted.length - 1], sum / sorted.length,
                sorted.length);
    }

    private static long at(long[] sorted, double pct) {
        int idx = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    // --- minimal HTTP/1.1 client ------------------------------------------------------------------------------------

    /** Times from {@link System#nanoTime()}: the request's write, the first body byte, the last byte. */
    record Response(int status, boolean keepAlive, long startNs, long firstByteNs, long endNs, long events) {
    }

    /**
     * One connection for one request after another: opened when an exchange needs it (so the exchange's times start
     * after the connect), dropped when the server closes it or an exchange fails.
     */
    static final class KeepAlive implements AutoCloseable {
        private final Target target;
        private Connection conn;

        KeepAlive(Target target) {
            this.target = target;
        }

        Response exchange(boolean stream) throws IOException {
            if (conn == null) {
                conn = target.connect();
            }
            try {
                Response r = conn.exchange(stream);
                if (!r.keepAlive) {
                    close();
                }
                return r;
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (conn != null) {
                conn.close();
                conn = null;
            }
        }
    }

    static final class Target {
        final String host;
        final int port;
        final byte[] request;

        Target(URI url, byte[] body, List<String> headers) {
            this.host = url.getHost();
            this.port = url.getPort() < 0 ? 80 : url.getPort();
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            StringBuilder h = new StringBuilder();
            h.append("POST ").append(path).append(" HTTP/1.1\r\n");
            h.append("Host: ").append(host).append(':').append(port).append("\r\n");
            h.append("Content-Type: application/json\r\n");
            h.append("Content-Length: ").append(body.length).append("\r\n");
            for (String header : headers) {
                h.append(header).append("\r\n");
            }
            h.append("\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
            request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        }

        Connection connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(30_000);
            return new Connection(s, request);
        }
    }

    static final class Connection {
        private final Socket socket;
        private final byte[] request;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket, byte[] request) throws IOException {
            this.socket = socket;
            this.request = request;
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }

        /** Writes the request and reads the whole response; with {@code stream}, also notes the first body byte. */
        Response exchange(boolean stream) throws IOException {
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean keepAlive = statusLine.startsWith("HTTP/1.1");
            String h;
            while (!(h = line()).isEmpty()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> keepAlive = !value.contains("close") && (keepAlive || value.contains("keep"));
                    default -> {
                    }
                }
            }
            long firstByte = 0;
            long events = 0;
            if (chunked) {
                while (true) {
                    String sizeLine = line();
                    int semi = sizeLine.indexOf(';');
                    long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    if (firstByte == 0) {
                        firstByte = System.nanoTime();
                    }
                    events += skip(size, stream);
                    line();
                }
            } else if (contentLength >= 0) {
                if (contentLength > 0) {
                    int b = in.read();
                    if (b < 0) {
                        throw new EOFException();
                    }
                    firstByte = System.nanoTime();
                    events += (stream && b == '\n') ? 1 : 0;
                    events += skip(contentLength - 1, stream);
                }
            } else {
                keepAlive = false;
                int b = in.read();
                if (b >= 0) {
                    firstByte = System.nanoTime();
                    byte[] buf = new byte[8192];
                    int r;
                    while ((r = in.read(buf)) >= 0) {
                        events += stream ? count(buf, r) : 0;
                    }
                }
            }
            long end = System.nanoTime();
            return new Response(status, keepAlive, start, firstByte == 0 ? end : firstByte, end,
                    stream ? events / 2 : 0);
        }

        /** Skips n bytes; with {@code countLines}, returns the newlines seen (an SSE event ends with two). */
        private long skip(long n, boolean countLines) throws IOException {
            byte[] buf = new byte[8192];
            long lines = 0;
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    throw new EOFException();
                }
                if (countLines) {
                    lines += count(buf, r);
                }
                n -= r;
            }
            return lines;
        }

        private static long count(byte[] buf, int len) {
            long c = 0;
            for (int i = 0; i < len; i++) {
                if (buf[i] == '\n') {
                    c++;
                }
            }
            return c;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = b.size();
                    byte[] bytes = b.toByteArray();
                    return new String(bytes, 0, len > 0 && bytes[len - 1] == '\r' ? len - 1 : len,
                            StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
            throw new EOFException();
        }
    }
}
