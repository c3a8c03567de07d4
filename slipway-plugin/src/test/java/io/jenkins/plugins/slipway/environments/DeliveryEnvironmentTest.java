package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DeliveryEnvironment implements only Describable (an interface), so it can be built here without Jenkins. */
class DeliveryEnvironmentTest {

    @Test
    void settersNormaliseAndTheSpecCarriesEveryValue() {
        DeliveryEnvironment prod = new DeliveryEnvironment(" prod ");
        prod.setMode("GitOps");
        prod.setRegistry(" shop.azurecr.io ");
        prod.setRegistryCredentialsId("acr");
        prod.setGitRepository("https://git.example.com/deploy.git");
        prod.setGitBranch("");
        prod.setGitPath("prod");
        prod.setGitTargets("tag=image.tag");
        prod.setGitCredentialsId("git");
        prod.setWaitFor("ArgoCD");
        prod.setWaitApplication("shop-prod");
        prod.setWaitTimeoutMinutes(" 15 ");
        prod.setAllowedJobs("team-a/**, release/*\n\n");

        assertThat(prod.getName()).isEqualTo("prod");
        assertThat(prod.getMode()).isEqualTo("gitops");
        assertThat(prod.getWaitFor()).isEqualTo("argocd");
        assertThat(prod.getGitBranch()).isNull();
        assertThat(prod.getAllowedJobs()).isEqualTo("team-a/**\nrelease/*");
        EnvironmentSpec spec = prod.spec();
        assertThat(spec.name()).isEqualTo("prod");
        assertThat(spec.allowedJobs()).containsExactly("team-a/**", "release/*");
        assertThat(spec.settings()).isEqualTo(DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .registry("shop.azurecr.io").registryCredentialsId("acr")
                .gitRepository("https://git.example.com/deploy.git").gitPath("prod").gitTargets("tag=image.tag")
                .gitCredentialsId("git").waitFor(WaitFor.ARGOCD).waitApplication("shop-prod").waitTimeoutMinutes(15)
                .build());
        assertThat(EnvironmentValidator.validate(spec)).isEmpty();
    }

    @Test
    void badValuesAreRefusedWhenBoundNamingTheField() {
        DeliveryEnvironment environment = new DeliveryEnvironment("dev");

        assertThatThrownBy(() -> environment.setMode("pull")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("mode:");
        assertThatThrownBy(() -> environment.setWaitFor("helm")).hasMessageStartingWith("waitFor:");
        assertThatThrownBy(() -> environment.setWaitTimeoutMinutes("soon")).hasMessageStartingWith("waitTimeoutMinutes:");
        assertThatThrownBy(() -> environment.setGitTargets("image.tag")).hasMessageStartingWith("gitTargets:");
    }

    @Test
    void anEnvironmentWithNothingSetIsNamedAndOpenToNoJob() {
        EnvironmentSpec spec = new DeliveryEnvironment("dev").spec();

        assertThat(spec.settings()).isEqualTo(DeliverySettings.NONE);
        assertThat(spec.allowedJobs()).isEqualTo(List.of());
    }
}
