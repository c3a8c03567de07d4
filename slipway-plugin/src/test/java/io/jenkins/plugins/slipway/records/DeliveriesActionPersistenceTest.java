package io.jenkins.plugins.slipway.records;

import static io.jenkins.plugins.slipway.records.SampleRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.XStream;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.support.SlipwayException;
import org.junit.jupiter.api.Test;

/**
 * Jenkins keeps a run's actions in {@code build.xml} with XStream. A plain XStream stands in for Jenkins' XStream2
 * (a real Run cannot be built here; it is transient in the action anyway): the action must come back with its
 * records, and what is stored must be the one versioned JSON string, nothing XStream-mapped.
 */
class DeliveriesActionPersistenceTest {

    private static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypes(new Class<?>[] {DeliveriesAction.class});
        return xstream;
    }

    @Test
    void theActionRoundTripsThroughXStreamWithItsRecords() {
        DeliveriesAction action = new DeliveriesAction();
        DeliveryRecord waiting = record("d-1", "prod", Outcome.RUNNING, 0);
        action.put(waiting);
        action.put(record("d-2", "staging", Outcome.SUCCEEDED, 1));
        DeliveryRecord live = record("d-1", "prod", Outcome.SUCCEEDED, 0);
        action.put(live);

        String xml = xstream().toXML(action);
        DeliveriesAction loaded = (DeliveriesAction) xstream().fromXML(xml);

        assertThat(loaded.getRecords()).containsExactly(live, record("d-2", "staging", Outcome.SUCCEEDED, 1));
        assertThat(loaded.storedJson()).isEqualTo(action.storedJson());
        // one field, a string; the run and the parsed cache are transient
        assertThat(xml).contains("<records>{&quot;schemaVersion&quot;: 1, &quot;records&quot;: [")
                .doesNotContain("<run").doesNotContain("<parsed");
    }

    @Test
    void aStoredJsonStringReloadsAsRecords() {
        DeliveriesAction original = new DeliveriesAction();
        original.put(record("d-9", "prod", Outcome.FAILED, 3));
        String buildXmlFragment = "<" + DeliveriesAction.class.getName() + ">\n  <records>"
                + original.storedJson().replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")
                + "</records>\n</" + DeliveriesAction.class.getName() + ">";

        DeliveriesAction loaded = (DeliveriesAction) xstream().fromXML(buildXmlFragment);

        assertThat(loaded.getRecords()).containsExactly(record("d-9", "prod", Outcome.FAILED, 3));
        assertThat(loaded.getRecords().get(0).failure().reason()).isEqualTo("rollout timed out");
    }

    @Test
    void recordsFromANewerSlipwayAreRefusedAndNeverOverwritten() {
        String newer = "<" + DeliveriesAction.class.getName() + "><records>{&quot;schemaVersion&quot;: 2, &quot;records&quot;: []}</records></"
                + DeliveriesAction.class.getName() + ">";
        DeliveriesAction loaded = (DeliveriesAction) xstream().fromXML(newer);

        assertThatThrownBy(loaded::getRecords).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("schema version 2").hasMessageContaining("newer");
        assertThatThrownBy(() -> loaded.put(record("d-1", "prod", Outcome.SUCCEEDED, 0))).isInstanceOf(SlipwayException.class);
        assertThat(loaded.storedJson()).isEqualTo("{\"schemaVersion\": 2, \"records\": []}");
    }

    @Test
    void aNewActionHoldsAnEmptyVersionedList() {
        assertThat(new DeliveriesAction().getRecords()).isEmpty();
        assertThat(new DeliveriesAction().storedJson()).isEqualTo("{\"schemaVersion\": 1, \"records\": []}");
    }

    @Test
    void damagedStoredRecordsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> RunRecordsJson.read("{\"schemaVersion\": 1, \"records\": [")).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("not valid JSON").extracting(e -> ((SlipwayException) e).fix()).asString().contains("backup");
        assertThatThrownBy(() -> RunRecordsJson.read("[]")).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no schemaVersion");
    }
}
