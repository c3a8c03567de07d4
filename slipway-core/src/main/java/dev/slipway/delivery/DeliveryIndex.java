package dev.slipway.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's deliveries: per environment the latest delivery and the one that is live (the latest that
 * succeeded), plus a bounded history, newest first. Immutable; {@link #with} returns the index after one
 * more record. Stored by {@link DeliveryIndexFile}; served to the "Environments" page as JSON.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param updatedAt     when a record was last added, or {@code null} for an empty index
 * @param environments  one entry per environment, by name
 * @param history       records, newest start first, at most the bound given to {@link #with}
 */
public record DeliveryIndex(int schemaVersion, Instant updatedAt, List<EnvironmentState> environments,
        List<DeliveryRecord> history) {

    /**
     * 2: this shape. 1 was a bare JSON array of records (the form {@code slipway report} also reads); it is
     * upgraded when read and rewritten as 2 on the next update.
     */
    public static final int SCHEMA_VERSION = 2;

    /** Records kept in the history unless the caller says otherwise. */
    public static final int DEFAULT_HISTORY = 100;

    private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    public DeliveryIndex {
        environments = List.copyOf(environments);
        history = List.copyOf(history);
    }

    /**
     * @param name   the environment
     * @param latest its most recently started delivery, whatever the outcome (a GitOps delivery still waiting)
     * @param live   its most recently finished successful delivery: what runs there, or {@code null}
     */
    public record EnvironmentState(String name, DeliveryRecord latest, DeliveryRecord live) {
        public EnvironmentState {
            Objects.requireNonNull(name, "name");
        }
    }

    public static DeliveryIndex empty() {
        return new DeliveryIndex(SCHEMA_VERSION, null, List.of(), List.of());
    }

    public Optional<EnvironmentState> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The index after {@code record}: a record with an id already present replaces it (a GitOps delivery
     * first stored while waiting, then when live), so updates are idempotent and order-independent for
     * the same record.
     */
    public DeliveryIndex with(DeliveryRecord record, int maxHistory, Instant now) {
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be at least 1, was " + maxHistory);
        }
        List<DeliveryRecord> newHistory = new ArrayList<>(history);
        newHistory.removeIf(r -> r.id().equals(record.id()));
        newHistory.add(record);
        newHistory.sort(Comparator.comparing(DeliveryRecord::startedAt, NULLS_FIRST).reversed());
        if (newHistory.size() > maxHistory) {
            newHistory = new ArrayList<>(newHistory.subList(0, maxHistory));
        }

        List<EnvironmentState> newEnvironments = new ArrayList<>(environments);
        if (record.environment() != null) {
            EnvironmentState old = environment(record.environment()).orElse(null);
            newEnvironments.removeIf(e -> e.name().equals(record.environment()));
            newEnvironments.add(new EnvironmentState(record.environment(), latest(old, record),
                    live(old, record, newHistory)));
            newEnvironments.sort(Comparator.comparing(EnvironmentState::name));
        }
        return new DeliveryIndex(SCHEMA_VERSION, now, newEnvironments, newHistory);
    }

    private static DeliveryRecord latest(EnvironmentState old, DeliveryRecord record) {
        if (old == null || old.latest() == null || old.latest().id().equals(record.id())) {
            return record;
        }
        return NULLS_FIRST.compare(record.startedAt(), old.latest().startedAt()) >= 0 ? record : old.latest();
    }

    private static DeliveryRecord live(EnvironmentState old, DeliveryRecord record, List<DeliveryRecord> history) {
        List<DeliveryRecord> candidates = new ArrayList<>();
        if (old != null && old.live() != null && !old.live().id().equals(record.id())) {
            candidates.add(old.live());
        }
        if (record.outcome() == DeliveryRecord.Outcome.SUCCEEDED) {
            candidates.add(record);
        }
        // a live record updated to a failure falls back to the newest success still in the history
        history.stream()
                .filter(r -> record.environment().equals(r.environment()) && r.outcome() == DeliveryRecord.Outcome.SUCCEEDED)
                .forEach(candidates::add);
        return candidates.stream()
                .max(Comparator.comparing((DeliveryRecord r) -> r.finishedAt() == null ? r.startedAt() : r.finishedAt(), NULLS_FIRST))
                .orElse(null);
    }
}
