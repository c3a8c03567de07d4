package io.jenkins.plugins.slipway.records;

import dev.slipway.delivery.DeliveryEndpoints;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.support.SecretMasker;
import hudson.model.Item;
import hudson.model.Run;
import java.util.List;
import java.util.Objects;
import jenkins.model.RunAction2;

/**
 * A run's "Deliveries" page ({@code .../<run>/slipway/}) and its JSON ({@code .../<run>/slipway/api/json}).
 *
 * <p>The records are kept in {@code build.xml} as ONE versioned JSON string ({@link RunRecordsJson}), the engine's
 * record format, parsed when first read. A record stored again (a GitOps delivery written while it waits, then
 * when it is live) replaces the one with its id.
 */
public class DeliveriesAction implements RunAction2 {
    static final String URL_NAME = "slipway";
    private static final SecretMasker NOTHING_TO_MASK = new SecretMasker();

    /** Persisted by XStream; the only state that is. */
    private String records;
    private transient Run<?, ?> run;
    private transient List<DeliveryRecord> parsed;

    public DeliveriesAction() {
        this.records = RunRecordsJson.write(List.of());
    }

    /**
     * Adds the record, or replaces the one with its id. The caller saves the run ({@code run.save()}).
     *
     * @throws dev.slipway.support.SlipwayException when the stored records cannot be read (then nothing changes,
     *         so a newer Slipway's records are never overwritten)
     */
    public synchronized void put(DeliveryRecord record) {
        Objects.requireNonNull(record, "record");
        List<DeliveryRecord> updated = RunRecordsJson.put(getRecords(), record);
        records = RunRecordsJson.write(updated);
        parsed = updated;
    }

    /** The run's records in the order they started (parsed on first use after loading). */
    public synchronized List<DeliveryRecord> getRecords() {
        if (parsed == null) {
            parsed = RunRecordsJson.read(records);
        }
        return parsed;
    }

    /** The stored JSON string, as it is in {@code build.xml}. */
    synchronized String storedJson() {
        return records;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** {@code api/json}: the run's records ({@code RunDeliveries} in docs/openapi.yaml) once Item.READ is granted. */
    public RecordsApi getApi() {
        return new RecordsApi(new RecordsEndpoint(() -> run != null && run.hasPermission(Item.READ),
                () -> DeliveryEndpoints.runJson(getRecords(), NOTHING_TO_MASK)));
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Deliveries";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
