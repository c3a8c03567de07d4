package dev.slipway.delivery;

import static dev.slipway.delivery.RecordSamples.T0;
import static dev.slipway.delivery.RecordSamples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import org.junit.jupiter.api.Test;

class DeliveryIndexTest {

    @Test
    void latestIsTheNewestStartAndLiveTheNewestSuccess() {
        DeliveryIndex index = DeliveryIndex.empty()
                .with(record("1", "prod", Outcome.SUCCEEDED, 0), 10, T0)
                .with(record("2", "prod", Outcome.ROLLED_BACK, 5), 10, T0)
                .with(record("s", "staging", Outcome.RUNNING, 6), 10, T0);

        assertThat(index.environment("prod").orElseThrow().latest().id()).isEqualTo("2");
        assertThat(index.environment("prod").orElseThrow().live().id()).isEqualTo("1");
        assertThat(index.environment("staging").orElseThrow().live()).isNull();
        assertThat(index.environments()).extracting(DeliveryIndex.EnvironmentState::name).containsExactly("prod", "staging");
    }

    @Test
    void aRecordStoredAgainReplacesItself() {
        DeliveryIndex index = DeliveryIndex.empty()
                .with(record("1", "prod", Outcome.SUCCEEDED, 0), 10, T0)
                .with(record("g", "prod", Outcome.RUNNING, 5), 10, T0);
        assertThat(index.environment("prod").orElseThrow().live().id()).isEqualTo("1");

        index = index.with(record("g", "prod", Outcome.SUCCEEDED, 5), 10, T0);

        assertThat(index.history()).extracting(DeliveryRecord::id).containsExactly("g", "1");
        assertThat(index.environment("prod").orElseThrow().latest().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(index.environment("prod").orElseThrow().live().id()).isEqualTo("g");
    }

    @Test
    void aRunThatFinishesLateDoesNotHideANewerStart() {
        DeliveryIndex index = DeliveryIndex.empty()
                .with(record("new", "prod", Outcome.RUNNING, 10), 10, T0)
                .with(record("old", "prod", Outcome.FAILED, 1), 10, T0);

        assertThat(index.environment("prod").orElseThrow().latest().id()).isEqualTo("new");
        assertThat(index.history()).extracting(DeliveryRecord::id).containsExactly("new", "old");
    }

    @Test
    void historyIsBoundedButLiveSurvives() {
        DeliveryIndex index = DeliveryIndex.empty().with(record("live", "prod", Outcome.SUCCEEDED, 0), 3, T0);
        for (int i = 1; i <= 5; i++) {
            index = index.with(record("f" + i, "prod", Outcome.FAILED, i), 3, T0);
        }

        assertThat(index.history()).extracting(DeliveryRecord::id).containsExactly("f5", "f4", "f3");
        assertThat(index.environment("prod").orElseThrow().live().id()).isEqualTo("live");
    }

    @Test
    void aRecordWithoutEnvironmentIsHistoryOnly() {
        DeliveryIndex index = DeliveryIndex.empty().with(record("x", null, Outcome.SUCCEEDED, 0), 10, T0);

        assertThat(index.environments()).isEmpty();
        assertThat(index.history()).hasSize(1);
        assertThat(index.updatedAt()).isEqualTo(T0);
    }
}
