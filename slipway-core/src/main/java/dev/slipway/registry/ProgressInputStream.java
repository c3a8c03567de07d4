package dev.slipway.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts bytes read and reports them every {@code step} bytes (and at the end), for upload progress events. */
final class ProgressInputStream extends FilterInputStream {
    private final long step;
    private final LongConsumer report;
    private long done;
    private long reported;

    ProgressInputStream(InputStream in, long step, LongConsumer report) {
        super(in);
        this.step = step;
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        } else if (n < 0 && reported != done) {
            reported = done;
            report.accept(done);
        }
        return n;
    }

    private void advance(int n) {
        done += n;
        if (done - reported >= step) {
            reported = done;
            report.accept(done);
        }
    }
}
