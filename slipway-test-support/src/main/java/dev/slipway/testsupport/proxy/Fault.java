package dev.slipway.testsupport.proxy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault the {@link FaultProxy} applies to matching requests, made with
 * {@code proxy.on("PUT", "/v2/.+/manifests/.+")} and then one action. It fires once unless
 * {@link Matcher#times(int)} or {@link Matcher#always()} says otherwise; later requests pass untouched.
 */
public final class Fault {
    enum Kind { RESPOND, RESET_AFTER_REQUEST_BYTES, RESET_AFTER_RESPONSE_BYTES, DELAY }

    private final String method;
    private final Pattern path;
    private final Kind kind;
    private final int status;
    private final Map<String, String> headers;
    private final long bytes;
    private final Duration delay;
    private final AtomicInteger remaining;
    private final AtomicInteger fired = new AtomicInteger();

    private Fault(Matcher matcher, Kind kind, int status, Map<String, String> headers, long bytes, Duration delay) {
        this.method = matcher.method;
        this.path = matcher.path;
        this.remaining = new AtomicInteger(matcher.times);
        this.kind = kind;
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.bytes = bytes;
        this.delay = delay;
    }

    /** Which requests a fault applies to and how often; finish with an action. */
    public static final class Matcher {
        private final FaultProxy proxy;
        private final String method;
        private final Pattern path;
        private int times = 1;

        Matcher(FaultProxy proxy, String method, String pathRegex) {
            this.proxy = proxy;
            this.method = method;
            this.path = Pattern.compile(pathRegex);
        }

        /** Fire for the next {@code count} matching requests. */
        public Matcher times(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + count);
            }
            this.times = count;
            return this;
        }

        /** Fire for every matching request. */
        public Matcher always() {
            this.times = Integer.MAX_VALUE;
            return this;
        }

        /** Answer {@code status} with an empty body, without forwarding the request. */
        public Fault respond(int status) {
            return respond(status, Map.of());
        }

        /**
         * Answer {@code status} with {@code headers} (e.g. a {@code WWW-Authenticate} challenge for a
         * simulated token expiry) and an empty body, without forwarding. The connection stays open.
         */
        public Fault respond(int status, Map<String, String> headers) {
            return proxy.add(new Fault(this, Kind.RESPOND, status, new LinkedHashMap<>(headers), 0, Duration.ZERO));
        }

        /** Forward the first {@code bytes} bytes of the request (head included), then reset the client connection. */
        public Fault resetAfterRequestBytes(long bytes) {
            return proxy.add(new Fault(this, Kind.RESET_AFTER_REQUEST_BYTES, 0, Map.of(), bytes, Duration.ZERO));
        }

        /** Forward the request, then only the first {@code bytes} bytes of the response, then reset the client connection. */
        public Fault resetAfterResponseBytes(long bytes) {
            return proxy.add(new Fault(this, Kind.RESET_AFTER_RESPONSE_BYTES, 0, Map.of(), bytes, Duration.ZERO));
        }

        /** Wait {@code delay} before forwarding the request. */
        public Fault delay(Duration delay) {
            return proxy.add(new Fault(this, Kind.DELAY, 0, Map.of(), 0, delay));
        }
    }

    /** How many requests this fault has been applied to. */
    public int firedCount() {
        return fired.get();
    }

    boolean tryFire(String requestMethod, String requestPath) {
        if (!(method.equals("*") || method.equalsIgnoreCase(requestMethod)) || !path.matcher(requestPath).matches()) {
            return false;
        }
        if (remaining.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) <= 0) {
            return false;
        }
        fired.incrementAndGet();
        return true;
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    long bytes() {
        return bytes;
    }

    Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        String action = switch (kind) {
            case RESPOND -> "respond " + status;
            case RESET_AFTER_REQUEST_BYTES -> "reset after " + bytes + " request bytes";
            case RESET_AFTER_RESPONSE_BYTES -> "reset after " + bytes + " response bytes";
            case DELAY -> "delay " + delay.toMillis() + "ms";
        };
        return action;
    }
}
