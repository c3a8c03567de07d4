package dev.slipway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A job's {@link DeliveryIndex} in one JSON file (in Jenkins: the job's folder). Written atomically (a
 * temporary file in the same folder, then {@code ATOMIC_MOVE}), so a reader sees the old or the new index,
 * never half of one. Updates read, modify and write under a lock held both inside this JVM and across
 * processes (a {@link FileLock} on {@code <file>.lock}), so concurrent runs lose nothing.
 *
 * <p>A file that cannot be read (corrupt, or written by a newer Slipway) is never fatal: {@link #read()}
 * reports it as a warning event and returns an empty index; {@link #record} moves it aside as
 * {@code <file>.corrupt} or {@code <file>.newer} (numbered if one exists) and starts a fresh index.
 */
public final class DeliveryIndexFile {
    /** The file name in a job's folder. */
    public static final String FILE_NAME = "slipway-deliveries.json";

    private static final String KIND = "slipway-delivery-index";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** FileLock is per process: threads of this JVM must also queue on a lock of their own. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final int maxHistory;
    private final Events events;

    public DeliveryIndexFile(Path file, int maxHistory, Events events) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be at least 1, was " + maxHistory);
        }
        this.maxHistory = maxHistory;
        this.events = Objects.requireNonNull(events, "events");
    }

    public Path file() {
        return file;
    }

    /** The index as stored; empty when there is none yet or it cannot be read (then a warning is emitted). */
    public DeliveryIndex read() {
        Loaded loaded = load();
        if (loaded.problem != null) {
            events.warning(Event.Phase.DELIVER, file.toString(), loaded.problem.getMessage() + "; showing an empty index until the next delivery replaces it");
        }
        return loaded.index;
    }

    /** Adds (or replaces, by id) one record and returns the index as written. */
    public DeliveryIndex record(DeliveryRecord record) {
        Objects.requireNonNull(record, "record");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                Loaded loaded = load();
                if (loaded.problem != null) {
                    Path aside = moveAside(loaded.problem.newer ? ".newer" : ".corrupt");
                    events.warning(Event.Phase.DELIVER, file.toString(), loaded.problem.getMessage()
                            + "; moved it to " + aside.getFileName() + " and started a new index");
                }
                DeliveryIndex updated = loaded.index.with(record, maxHistory, events.clock().instant());
                writeAtomically(toJson(updated, events.masker()));
                return updated;
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot update the delivery index " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable by the user running Slipway", e);
        } finally {
            local.unlock();
        }
    }

    /** The index as the JSON the pages read, every record masked with {@code masker}. */
    public static String toJson(DeliveryIndex index, SecretMasker masker) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", DeliveryIndex.SCHEMA_VERSION);
        root.put("kind", KIND);
        if (index.updatedAt() != null) {
            root.put("updatedAt", index.updatedAt().toString());
        }
        ArrayNode environments = root.putArray("environments");
        for (DeliveryIndex.EnvironmentState state : index.environments()) {
            ObjectNode env = environments.addObject();
            env.put("name", state.name());
            if (state.latest() != null) {
                env.set("latest", recordNode(state.latest(), masker));
            }
            if (state.live() != null) {
                env.set("live", recordNode(state.live(), masker));
            }
        }
        ArrayNode history = root.putArray("history");
        index.history().forEach(r -> history.add(recordNode(r, masker)));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the delivery index", e);
        }
    }

    /**
     * Parses index JSON (this version, or version 1: a bare array of records).
     *
     * @throws IndexUnreadableException when it is not an index, is damaged, or comes from a newer Slipway
     */
    public static DeliveryIndex parse(String json, int maxHistory) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IndexUnreadableException("the delivery index is not valid JSON (" + e.getOriginalMessage() + ")", false);
        }
        if (root == null || root.isMissingNode()) {
            throw new IndexUnreadableException("the delivery index is empty", false);
        }
        if (root.isArray()) {
            // version 1: records only; fold them in oldest first so "latest" and "live" come out right
            List<DeliveryRecord> records = new ArrayList<>();
            root.forEach(node -> records.add(record(node)));
            records.sort(java.util.Comparator.comparing(DeliveryRecord::startedAt,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
            DeliveryIndex index = DeliveryIndex.empty();
            for (DeliveryRecord r : records) {
                index = index.with(r, maxHistory, r.finishedAt() == null ? r.startedAt() : r.finishedAt());
            }
            return index;
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (!root.isObject() || version < 1 || !KIND.equals(root.path("kind").asText())) {
            throw new IndexUnreadableException("the file is not a Slipway delivery index (no kind '" + KIND + "' and schemaVersion)", false);
        }
        if (version > DeliveryIndex.SCHEMA_VERSION) {
            throw new IndexUnreadableException("the delivery index has schema version " + version
                    + ", newer than this Slipway understands (" + DeliveryIndex.SCHEMA_VERSION + ")", true);
        }
        List<DeliveryIndex.EnvironmentState> environments = new ArrayList<>();
        for (JsonNode env : root.path("environments")) {
            String name = env.path("name").asText(null);
            if (name == null) {
                throw new IndexUnreadableException("the delivery index has an environment without a name", false);
            }
            environments.add(new DeliveryIndex.EnvironmentState(name,
                    env.hasNonNull("latest") ? record(env.get("latest")) : null,
                    env.hasNonNull("live") ? record(env.get("live")) : null));
        }
        List<DeliveryRecord> history = new ArrayList<>();
        root.path("history").forEach(node -> history.add(record(node)));
        Instant updatedAt = root.hasNonNull("updatedAt") ? Instant.parse(root.get("updatedAt").asText()) : null;
        return new DeliveryIndex(DeliveryIndex.SCHEMA_VERSION, updatedAt, environments, history);
    }

    private static DeliveryRecord record(JsonNode node) {
        try {
            return DeliveryRecords.fromJson(node.toString());
        } catch (SlipwayException e) {
            boolean newer = node.path("schemaVersion").asInt(0) > DeliveryRecord.SCHEMA_VERSION;
            throw new IndexUnreadableException("a record in the delivery index cannot be read: " + e.getMessage(), newer);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IndexUnreadableException("a record in the delivery index cannot be read: " + e.getMessage(), false);
        }
    }

    private static JsonNode recordNode(DeliveryRecord record, SecretMasker masker) {
        try {
            return MAPPER.readTree(DeliveryRecords.toJson(record, masker));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write delivery record " + record.id(), e);
        }
    }

    private Loaded load() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return new Loaded(DeliveryIndex.empty(), null);
        } catch (java.nio.charset.MalformedInputException binary) {
            return new Loaded(DeliveryIndex.empty(), new IndexUnreadableException("the delivery index is not UTF-8 text", false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the delivery index " + file, e);
        }
        try {
            return new Loaded(parse(json, maxHistory), null);
        } catch (IndexUnreadableException e) {
            return new Loaded(DeliveryIndex.empty(), e);
        } catch (RuntimeException e) {
            return new Loaded(DeliveryIndex.empty(), new IndexUnreadableException("the delivery index is damaged: " + e.getMessage(), false));
        }
    }

    private Path moveAside(String suffix) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + suffix);
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + suffix + "." + n);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    private void writeAtomically(String json) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private record Loaded(DeliveryIndex index, IndexUnreadableException problem) { }

    /** The index file cannot be used: damaged, not an index, or from a newer Slipway ({@link #newer}). */
    public static final class IndexUnreadableException extends SlipwayException {
        private static final long serialVersionUID = 1L;
        private final boolean newer;

        IndexUnreadableException(String message, boolean newer) {
            super(message, newer ? "upgrade Slipway to read it; this version keeps it aside and starts a new index"
                    : "it was edited or damaged outside Slipway; Slipway keeps it aside and starts a new index");
            this.newer = newer;
        }

        public boolean newer() {
            return newer;
        }
    }
}
