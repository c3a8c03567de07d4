package dev.slipway.delivery;

import static dev.slipway.delivery.RecordSamples.T0;
import static dev.slipway.delivery.RecordSamples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryIndexFileTest {
    private static final String CANARY = Canary.of("index-secret");
    @TempDir
    Path dir;

    private final List<Event> warnings = new CopyOnWriteArrayList<>();
    private final Events events = new Events(Clock.fixed(T0, ZoneOffset.UTC), new SecretMasker())
            .subscribe(e -> {
                if (e.kind() == Event.Kind.WARNING) {
                    warnings.add(e);
                }
            });

    private DeliveryIndexFile index(int maxHistory) {
        return new DeliveryIndexFile(dir.resolve(DeliveryIndexFile.FILE_NAME), maxHistory, events);
    }

    @Test
    void aMissingFileIsAnEmptyIndexWithoutWarning() {
        assertThat(index(10).read()).isEqualTo(DeliveryIndex.empty());
        assertThat(warnings).isEmpty();
    }

    @Test
    void whatIsWrittenReadsBackEqual() {
        DeliveryIndexFile file = index(10);
        file.record(record("a", "prod", Outcome.SUCCEEDED, 0));
        DeliveryIndex written = file.record(DeliveryRecordJsonTest.gitOpsRecord());

        assertThat(file.read()).isEqualTo(written);
        assertThat(written.history()).extracting(DeliveryRecord::id).containsExactlyInAnyOrder("a", "d-42");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void manyThreadsLoseNothing() throws Exception {
        DeliveryIndexFile file = index(10_000);
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    // a second handle on the same file, as two Jenkins runs would have
                    new DeliveryIndexFile(file.file(), 10_000, events)
                            .record(record("t" + writer + "-" + i, "env-" + (i % 3), Outcome.SUCCEEDED, i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(file.read().history()).hasSize(threads * each);
        assertThat(warnings).isEmpty();
    }

    @Test
    void manyProcessesLoseNothing() throws Exception {
        Path file = dir.resolve(DeliveryIndexFile.FILE_NAME);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int processes = 2;
        int each = 10;
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            running.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    IndexWriterProcess.class.getName(), file.toString(), "p" + p, String.valueOf(each))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("p" + p + ".log").toFile()).start());
        }
        // and this JVM writes at the same time
        DeliveryIndexFile here = new DeliveryIndexFile(file, 10_000, events);
        for (int i = 0; i < each; i++) {
            here.record(record("here-" + i, "env-0", Outcome.SUCCEEDED, i));
        }
        for (int p = 0; p < processes; p++) {
            Process process = running.get(p);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("writer process %d ended", p).isTrue();
            assertThat(process.exitValue()).as("writer %d exit code; log: %s", p,
                    Files.readString(dir.resolve("p" + p + ".log"))).isZero();
        }

        List<String> ids = here.read().history().stream().map(DeliveryRecord::id).toList();
        assertThat(ids).hasSize((processes + 1) * each).doesNotHaveDuplicates();
    }

    @Test
    void aCorruptFileIsReportedKeptAsideAndANewIndexStarted() throws Exception {
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);
        String damaged = "{\"schemaVersion\": 2, \"kind\": \"slipway-delivery-index\", \"history\": [{\"id\": ";
        Files.writeString(path, damaged);
        DeliveryIndexFile file = index(10);

        assertThat(file.read()).isEqualTo(DeliveryIndex.empty());
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.message()).contains("not valid JSON"));
        assertThat(path).hasContent(damaged); // reading never moves anything

        DeliveryIndex after = file.record(record("a", "prod", Outcome.SUCCEEDED, 0));

        assertThat(after.history()).extracting(DeliveryRecord::id).containsExactly("a");
        assertThat(dir.resolve(DeliveryIndexFile.FILE_NAME + ".corrupt")).hasContent(damaged);
        assertThat(warnings.get(1).message()).contains("moved it to " + DeliveryIndexFile.FILE_NAME + ".corrupt");

        // a second damage keeps the first evidence
        Files.writeString(path, "[1, 2");
        file.record(record("b", "prod", Outcome.SUCCEEDED, 1));
        assertThat(dir.resolve(DeliveryIndexFile.FILE_NAME + ".corrupt.1")).hasContent("[1, 2");
        assertThat(dir.resolve(DeliveryIndexFile.FILE_NAME + ".corrupt")).hasContent(damaged);
    }

    @Test
    void aFileThatIsNotAnIndexOrHasABadRecordIsCorrupt() throws Exception {
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);
        for (String notAnIndex : List.of("{\"name\": \"package\"}", "{\"schemaVersion\": 2, \"kind\": \"slipway-delivery-index\", "
                + "\"history\": [{\"schemaVersion\": 1, \"id\": \"x\", \"startedAt\": \"yesterday\"}]}", "\u0000\u00ff")) {
            Files.writeString(path, notAnIndex);
            warnings.clear();
            assertThat(index(10).read()).isEqualTo(DeliveryIndex.empty());
            assertThat(warnings).as(notAnIndex).hasSize(1);
        }
    }

    @Test
    void aNewerIndexIsReportedAndKeptAsideNotOverwritten() throws Exception {
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);
        String newer = "{\"schemaVersion\": 3, \"kind\": \"slipway-delivery-index\", \"shards\": []}";
        Files.writeString(path, newer);
        DeliveryIndexFile file = index(10);

        file.record(record("a", "prod", Outcome.SUCCEEDED, 0));

        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.message())
                .contains("schema version 3, newer than this Slipway understands (2)")
                .contains("moved it to " + DeliveryIndexFile.FILE_NAME + ".newer"));
        assertThat(dir.resolve(DeliveryIndexFile.FILE_NAME + ".newer")).hasContent(newer);
        assertThat(file.read().history()).extracting(DeliveryRecord::id).containsExactly("a");
    }

    @Test
    void anIndexHoldingANewerRecordCountsAsNewer() throws Exception {
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);
        Files.writeString(path, "{\"schemaVersion\": 2, \"kind\": \"slipway-delivery-index\", \"history\": [{\"schemaVersion\": 9, \"id\": \"x\"}]}");

        index(10).record(record("a", "prod", Outcome.SUCCEEDED, 0));

        assertThat(dir.resolve(DeliveryIndexFile.FILE_NAME + ".newer")).exists();
    }

    @Test
    void aVersion1IndexIsUpgradedAndRewrittenAsTheCurrentVersion() throws Exception {
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);
        SecretMasker masker = new SecretMasker();
        // version 1: a bare array of records, in any order
        String v1 = Stream.of(record("r2", "prod", Outcome.FAILED, 2), record("r1", "prod", Outcome.SUCCEEDED, 1),
                        record("s1", "staging", Outcome.SUCCEEDED, 0))
                .map(r -> DeliveryRecords.toJson(r, masker)).collect(Collectors.joining(",", "[", "]"));
        Files.writeString(path, v1);
        DeliveryIndexFile file = index(10);

        DeliveryIndex upgraded = file.read();

        assertThat(warnings).isEmpty();
        assertThat(upgraded.history()).extracting(DeliveryRecord::id).containsExactly("r2", "r1", "s1");
        assertThat(upgraded.environment("prod").orElseThrow().latest().id()).isEqualTo("r2");
        assertThat(upgraded.environment("prod").orElseThrow().live().id()).isEqualTo("r1");
        assertThat(upgraded.environment("staging").orElseThrow().live().id()).isEqualTo("s1");

        file.record(record("r3", "prod", Outcome.SUCCEEDED, 3));

        String rewritten = Files.readString(path);
        assertThat(rewritten).startsWith("{").contains("\"schemaVersion\" : 2").contains("\"kind\" : \"slipway-delivery-index\"");
        assertThat(file.read().history()).extracting(DeliveryRecord::id).containsExactly("r3", "r2", "r1", "s1");
        assertThat(warnings).isEmpty();
    }

    @Test
    void theFileNeverHoldsASecret() throws Exception {
        SecretMasker masker = new SecretMasker().register(dev.slipway.support.Secret.of(CANARY));
        Events masking = new Events(Clock.fixed(T0, ZoneOffset.UTC), masker);
        DeliveryRecord leaky = new DeliveryRecord(1, "x", "prod", DeliveryRecord.Mode.PUSH, Outcome.FAILED, T0, T0, null, null,
                null, null, null, null, null, null, null, new DeliveryRecord.Failure("login", "refused " + CANARY));
        Path path = dir.resolve(DeliveryIndexFile.FILE_NAME);

        new DeliveryIndexFile(path, 10, masking).record(leaky);

        assertThat(Files.readString(path)).doesNotContain(CANARY).contains("refused ****");
        assertThat(new File(dir.toFile(), DeliveryIndexFile.FILE_NAME + ".lock")).exists();
    }
}
