package io.jenkins.plugins.slipway.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.EnvironmentCatalog;
import io.jenkins.plugins.slipway.environments.EnvironmentSpec;
import io.jenkins.plugins.slipway.environments.FieldCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverChecksTest {

    @Test
    void imageIsRequiredAndParsedWithOrWithoutARegistry() {
        assertThat(DeliverChecks.checkImage("shop.azurecr.io/shop/web").isOk()).isTrue();
        assertThat(DeliverChecks.checkImage("shop/web").isOk()).isTrue();
        assertThat(DeliverChecks.checkImage("").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(DeliverChecks.checkImage("Shop/Web").kind()).isEqualTo(FieldCheck.Kind.ERROR);
    }

    @Test
    void buildArgumentsAreNameValueLines() {
        assertThat(DeliverChecks.checkPairs("buildArgs", "A=1\nB=").isOk()).isTrue();
        assertThat(DeliverChecks.checkPairs("buildArgs", "A").text()).contains("line 1 is not NAME=value");
    }

    @Test
    void theEnvironmentMustExistAndAllowTheJob() {
        EnvironmentCatalog catalog = new EnvironmentCatalog(List.of(
                new EnvironmentSpec("prod", DeliverySettings.NONE, List.of("team-a/**"))));

        assertThat(DeliverChecks.checkEnvironment(catalog, "", "team-b/web").isOk()).isTrue();
        assertThat(DeliverChecks.checkEnvironment(catalog, "prod", "team-a/web").isOk()).isTrue();
        assertThat(DeliverChecks.checkEnvironment(catalog, "prod", "team-b/web").text())
                .contains("environment 'prod' may not be used by job 'team-b/web'");
        assertThat(DeliverChecks.checkEnvironment(catalog, "qa", "team-a/web").text())
                .contains("there is no environment named 'qa'");
    }
}
