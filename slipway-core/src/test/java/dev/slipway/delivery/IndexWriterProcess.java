package dev.slipway.delivery;

import dev.slipway.support.Events;
import java.nio.file.Path;

/** Main class run as a separate JVM by {@link DeliveryIndexFileTest}: adds records to one index file. */
public final class IndexWriterProcess {
    private IndexWriterProcess() {}

    /** Arguments: index file, writer name, number of records. */
    public static void main(String[] args) {
        DeliveryIndexFile index = new DeliveryIndexFile(Path.of(args[0]), 10_000, Events.silent());
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            index.record(RecordSamples.record(args[1] + "-" + i, "env-" + (i % 3), DeliveryRecord.Outcome.SUCCEEDED, i));
        }
    }
}
