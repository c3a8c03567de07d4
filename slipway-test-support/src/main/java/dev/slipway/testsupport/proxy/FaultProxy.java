package dev.slipway.testsupport.proxy;

import dev.slipway.testsupport.process.PerClassServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 to put in front of a plain-HTTP test server, which logs every
 * request in order ({@link #requests()}) and applies {@link Fault}s on cue:
 * {@code proxy.on("PUT", "/v2/.+/manifests/.+").respond(500)}.
 *
 * <p>Each client connection gets its own upstream connection, and both are kept alive across
 * requests, so clients that reuse connections behave as they would without the proxy. Messages are
 * forwarded byte for byte (Content-Length, chunked and close-delimited bodies); headers are not
 * rewritten, so the upstream sees the proxy's address in {@code Host} and builds its
 * {@code Location} URLs through the proxy. TLS is not supported: a connection that starts with a TLS
 * handshake is tunnelled to the upstream unchanged (so clients that probe https first get the
 * upstream's answer at once), but it is neither logged nor subject to faults. Put the proxy in front
 * of plain-HTTP servers.
 *
 * <p>Use as {@code @RegisterExtension static FaultProxy proxy = FaultProxy.inFrontOf(registry::hostPort);}.
 * The target is resolved when a client connects, so the order in which JUnit starts the extensions
 * does not matter.
 *
 * <p>{@link #forward()} makes it a forward proxy instead, as clients configured with a proxy use it: a request
 * in absolute form ({@code GET http://host:port/path}) goes to the host it names (sent on in origin form,
 * without {@code Proxy-Authorization}), logged with its absolute target and subject to faults by path;
 * {@code CONNECT host:port} is answered 200 and tunnelled (logged as {@code CONNECT host:port}, no faults
 * inside: that is TLS). {@link #requireBasicAuth} makes it answer 407 to requests without the credentials.
 */
public final class FaultProxy implements PerClassServer {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final Supplier<String> upstreamHostPort;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket serverSocket;
    private ExecutorService executor;

    private final boolean forward;
    private volatile String expectedProxyAuthorization;

    private FaultProxy(Supplier<String> upstreamHostPort, boolean forward) {
        this.upstreamHostPort = upstreamHostPort;
        this.forward = forward;
    }

    /** A forward proxy: each request names its server (absolute form, or CONNECT for a tunnel). */
    public static FaultProxy forward() {
        return new FaultProxy(null, true);
    }

    /**
     * Answers 407 (with {@code Proxy-Authenticate: Basic}) to every request without these credentials. Only for a
     * {@link #forward()} proxy.
     */
    public FaultProxy requireBasicAuth(String user, String password) {
        if (!forward) {
            throw new IllegalStateException("proxy authentication is for a forward proxy: use FaultProxy.forward()");
        }
        expectedProxyAuthorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A proxy to the plain-HTTP server at {@code host:port}, asked for each new client connection. */
    public static FaultProxy inFrontOf(Supplier<String> upstreamHostPort) {
        return new FaultProxy(upstreamHostPort, false);
    }

    /** Starts listening on a free port of 127.0.0.1. */
    @Override
    public FaultProxy start() {
        if (serverSocket != null) {
            throw new IllegalStateException("fault proxy already started on " + hostPort());
        }
        try {
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy-" + serverSocket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::acceptLoop);
        return this;
    }

    /** Starts a fault for requests with {@code method} ({@code "*"} for any) whose path matches {@code pathRegex}. */
    public Fault.Matcher on(String method, String pathRegex) {
        return new Fault.Matcher(this, method, pathRegex);
    }

    Fault add(Fault fault) {
        faults.add(fault);
        return fault;
    }

    /**
     * Every request so far, in arrival order. Waits (up to two seconds) for exchanges still being logged: a
     * client can hold the whole response a moment before the proxy has written its log entry.
     */
    public List<RecordedRequest> requests() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (exchanges.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(requests);
    }

    private final java.util.concurrent.atomic.AtomicInteger exchanges = new java.util.concurrent.atomic.AtomicInteger();

    /** How many client connections carried HTTP requests; fewer than requests means keep-alive worked. */
    public int connectionCount() {
        return connections.get();
    }

    /** Forgets all faults and recorded requests (between tests). */
    public void reset() {
        faults.clear();
        requests.clear();
        connections.set(0);
    }

    /** {@code 127.0.0.1:port} of the proxy, to use instead of the server's. */
    public String hostPort() {
        if (serverSocket == null) {
            throw new IllegalStateException("the fault proxy is not running; register it with @RegisterExtension "
                    + "on a static field, or call start()");
        }
        return "127.0.0.1:" + serverSocket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://" + hostPort());
    }

    /** Stops listening and closes every open connection. Safe to call twice. */
    @Override
    public void close() {
        if (serverSocket == null) {
            return;
        }
        closeQuietly(serverSocket);
        openSockets.forEach(FaultProxy::closeQuietly);
        executor.shutdownNow();
        serverSocket = null;
    }

    private void acceptLoop() {
        ServerSocket server = serverSocket;
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                openSockets.add(client);
                executor.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Signals that a fault reset the connection after its byte budget. */
    private static final class ResetNow extends IOException {
        ResetNow() {
            super("reset by fault");
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromUpstream = null;
            OutputStream toUpstream = null;
            fromClient.mark(1);
            int firstByte = fromClient.read();
            fromClient.reset();
            if (firstByte == TLS_HANDSHAKE_RECORD && !forward) {
                // containers/image probes https first even with tls-verify=false; tunnel it so the
                // upstream's answer ends the probe at once instead of after a handshake timeout
                upstream = connectUpstream();
                tunnel(fromClient, toClient, upstream);
                return;
            }
            int connection = connections.incrementAndGet();
            String upstreamAuthority = null;
            while (true) {
                byte[] head = readHead(fromClient);
                if (head == null) {
                    return;
                }
                Head request = Head.parse(head);
                exchanges.incrementAndGet();
                try {
                String[] requestLine = request.startLine().split(" ", 3);
                String method = requestLine[0];
                String target = requestLine.length > 1 ? requestLine[1] : "";
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                String authority = null;
                if (forward) {
                    String expected = expectedProxyAuthorization;
                    if (expected != null && !request.header("proxy-authorization").map(expected::equals).orElse(false)) {
                        copyBody(request, fromClient, OutputStream.nullOutputStream(), false);
                        toClient.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"fault-proxy\""
                                + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                        requests.add(new RecordedRequest(connection, method, target, 407, "proxy authentication required"));
                        if (request.connectionClose()) {
                            return;
                        }
                        continue;
                    }
                    if (method.equals("CONNECT")) {
                        try {
                            upstream = connect(target);
                        } catch (IOException unreachable) {
                            toClient.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            toClient.flush();
                            requests.add(new RecordedRequest(connection, method, target, 502, "upstream unreachable"));
                            return;
                        }
                        toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                        requests.add(new RecordedRequest(connection, method, target, 200, ""));
                        tunnel(fromClient, toClient, upstream);
                        return;
                    }
                    URI uri;
                    try {
                        uri = URI.create(target);
                    } catch (IllegalArgumentException notAUri) {
                        uri = null;
                    }
                    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                        copyBody(request, fromClient, OutputStream.nullOutputStream(), false);
                        toClient.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                        requests.add(new RecordedRequest(connection, method, target, 400, "not a proxy request"));
                        return;
                    }
                    authority = uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
                    path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    String origin = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    head = request.originForm(method + " " + origin + (requestLine.length > 2 ? " " + requestLine[2] : ""));
                    if (upstream != null && !authority.equals(upstreamAuthority)) {
                        closeQuietly(upstream);
                        openSockets.remove(upstream);
                        upstream = null;
                    }
                }
                String faultPath = path;
                Optional<Fault> fault = faults.stream().filter(f -> f.tryFire(method, faultPath)).findFirst();
                String faultName = fault.map(Fault::toString).orElse("");
                if (fault.isPresent() && fault.get().kind() == Fault.Kind.DELAY) {
                    Thread.sleep(fault.get().delay().toMillis());
                }
                if (fault.isPresent() && fault.get().kind() == Fault.Kind.RESPOND) {
                    copyBody(request, fromClient, OutputStream.nullOutputStream(), false);
                    toClient.write(cannedResponse(fault.get()));
                    toClient.flush();
                    requests.add(new RecordedRequest(connection, method, target, fault.get().status(), faultName));
                    if (request.connectionClose()) {
                        return;
                    }
                    continue;
                }
                if (upstream == null) {
                    try {
                        upstream = authority != null ? connect(authority) : connectUpstream();
                        upstreamAuthority = authority;
                    } catch (IOException unreachable) {
                        toClient.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                        requests.add(new RecordedRequest(connection, method, target, 502, "upstream unreachable"));
                        return;
                    }
                    fromUpstream = new BufferedInputStream(upstream.getInputStream());
                    toUpstream = upstream.getOutputStream();
                }
                long requestBudget = fault.isPresent() && fault.get().kind() == Fault.Kind.RESET_AFTER_REQUEST_BYTES
                        ? fault.get().bytes() : Long.MAX_VALUE;
                long responseBudget = fault.isPresent() && fault.get().kind() == Fault.Kind.RESET_AFTER_RESPONSE_BYTES
                        ? fault.get().bytes() : Long.MAX_VALUE;
                try {
                    OutputStream limitedUpstream = new BudgetOutputStream(toUpstream, requestBudget);
                    limitedUpstream.write(head);
                    copyBody(request, fromClient, limitedUpstream, false);
                    limitedUpstream.flush();
                    OutputStream limitedClient = new BudgetOutputStream(toClient, responseBudget);
                    Head response;
                    do {
                        byte[] responseHead = readHead(fromUpstream);
                        if (responseHead == null) {
                            requests.add(new RecordedRequest(connection, method, target, 0, "upstream closed"));
                            return;
                        }
                        response = Head.parse(responseHead);
                        limitedClient.write(responseHead);
                    } while (response.status() >= 100 && response.status() < 200 && response.status() != 101);
                    boolean bodiless = method.equals("HEAD") || response.status() == 204 || response.status() == 304;
                    boolean closeDelimited = !bodiless && copyBody(response, fromUpstream, limitedClient, true);
                    limitedClient.flush();
                    requests.add(new RecordedRequest(connection, method, target, response.status(), faultName));
                    if (closeDelimited || request.connectionClose() || response.connectionClose()) {
                        return;
                    }
                } catch (ResetNow reset) {
                    requests.add(new RecordedRequest(connection, method, target, 0, faultName));
                    client.setSoLinger(true, 0);
                    return;
                }
                } finally {
                    exchanges.decrementAndGet();
                }
            }
        } catch (IOException | RuntimeException brokenConnection) {
            // a client or server hung up; nothing to forward any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            openSockets.remove(client);
            if (upstream != null) {
                closeQuietly(upstream);
                openSockets.remove(upstream);
            }
        }
    }

    private void tunnel(InputStream fromClient, OutputStream toClient, Socket upstream) throws IOException {
        InputStream fromUpstream = upstream.getInputStream();
        OutputStream toUpstream = upstream.getOutputStream();
        executor.execute(() -> {
            try {
                fromUpstream.transferTo(toClient);
            } catch (IOException closed) {
                // the other direction ends the tunnel
            } finally {
                closeQuietly(upstream);
            }
        });
        try {
            fromClient.transferTo(toUpstream);
        } catch (IOException closed) {
            // either side hung up
        }
    }

    private Socket connectUpstream() throws IOException {
        return connect(upstreamHostPort.get());
    }

    private Socket connect(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        openSockets.add(socket);
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                10_000);
        return socket;
    }

    private static byte[] cannedResponse(Fault fault) {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(fault.status()).append(" Fault\r\n");
        fault.headers().forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("Content-Length: 0\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies one message body as framed by {@code head}. Returns true when the body runs until the
     * connection closes (a response without length or chunking), after which the connection is done.
     */
    private static boolean copyBody(Head head, InputStream in, OutputStream out, boolean isResponse) throws IOException {
        if (head.chunked()) {
            copyChunked(in, out);
            return false;
        }
        Optional<Long> length = head.contentLength();
        if (length.isPresent()) {
            copyExactly(in, out, length.get());
            return false;
        }
        if (isResponse) {
            in.transferTo(out);
            return true;
        }
        return false;
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String sizeText = sizeLine.contains(";") ? sizeLine.substring(0, sizeLine.indexOf(';')) : sizeLine;
            long size = Long.parseLong(sizeText.trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copyExactly(in, out, size);
            String end = readLine(in);
            out.write((end + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("connection closed " + left + " bytes before the end of a body");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Reads up to and including the blank line after the headers; null if the peer closed first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a message head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("message head larger than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toByteArray();
    }

    /** The start line and headers of a request or response. */
    private record Head(String startLine, List<String[]> headers, byte[] raw) {
        static Head parse(byte[] bytes) {
            String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim()});
                }
            }
            return new Head(lines[0], headers, bytes);
        }

        /** This head with another start line, without the headers meant for the proxy. */
        byte[] originForm(String startLine) {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (!lines[i].isEmpty() && !lower.startsWith("proxy-authorization:") && !lower.startsWith("proxy-connection:")) {
                    text.append(lines[i]).append("\r\n");
                }
            }
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).findFirst();
        }

        boolean chunked() {
            return header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        }

        Optional<Long> contentLength() {
            return header("content-length").map(Long::parseLong);
        }

        boolean connectionClose() {
            return header("connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
        }

        int status() {
            String[] parts = startLine.split(" ", 3);
            return Integer.parseInt(parts[1]);
        }
    }

    /** Passes bytes through until its budget is spent, then throws {@link ResetNow}. */
    private static final class BudgetOutputStream extends OutputStream {
        private final OutputStream out;
        private long remaining;

        BudgetOutputStream(OutputStream out, long budget) {
            this.out = out;
            this.remaining = budget;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length <= remaining) {
                out.write(bytes, offset, length);
                remaining -= length;
                return;
            }
            out.write(bytes, offset, (int) remaining);
            out.flush();
            remaining = 0;
            throw new ResetNow();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
