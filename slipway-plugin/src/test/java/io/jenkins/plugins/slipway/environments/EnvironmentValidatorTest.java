package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod-eu", "staging.2", "a"})
    void goodNamesPass(String name) {
        assertThat(EnvironmentValidator.checkName(name).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-prod", "prod eu", "prod/eu"})
    void badNamesAreErrorsNamingTheFieldAndFix(String name) {
        FieldCheck check = EnvironmentValidator.checkName(name);
        assertThat(check.kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(check.field()).isEqualTo("name");
        assertThat(check.fix()).isNotBlank();
    }

    @Test
    void registryIsAHostWithoutSchemeOrPath() {
        assertThat(EnvironmentValidator.checkRegistry("shop.azurecr.io").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkRegistry("localhost:5000").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkRegistry(null).isOk()).isTrue();
        assertThat(EnvironmentValidator.checkRegistry("https://shop.azurecr.io").text()).contains("has a scheme");
        assertThat(EnvironmentValidator.checkRegistry("shop.azurecr.io/web").text()).contains("is not a registry host");
    }

    @Test
    void fieldChecksOfUrlsIdsTimeoutsAndTargets() {
        assertThat(EnvironmentValidator.checkSubscriptionId("6b1e1d2a-1111-4a4a-9c9c-0123456789ab").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkSubscriptionId("My Subscription").text()).contains("not its name");
        assertThat(EnvironmentValidator.checkGitRepository("https://git.example.com/deploy.git").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkGitRepository("git@github.com:shop/deploy.git").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkGitRepository("ftp://x/y").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(EnvironmentValidator.checkArgoCdServer("https://argocd.example.com").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkArgoCdServer("argocd.example.com").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(EnvironmentValidator.checkWaitTimeoutMinutes("15").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkWaitTimeoutMinutes("0").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(EnvironmentValidator.checkWaitTimeoutMinutes("ten").text()).contains("whole minutes from 1 to 1440");
        assertThat(EnvironmentValidator.checkGitTargets("tag=image.tag\ndigest = image.digest").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkGitTargets("version=image.tag").text()).contains("'version' is not a target");
        assertThat(EnvironmentValidator.checkGitTargets("image.tag").text()).contains("line 1 is not NAME=value");
        assertThat(EnvironmentValidator.checkMode("GitOps").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkMode("pull").text()).contains("write push or gitops");
        assertThat(EnvironmentValidator.checkWaitFor("flux").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkWaitFor("helm").kind()).isEqualTo(FieldCheck.Kind.ERROR);
    }

    @Test
    void allowedJobsWithoutPatternsIsAWarningAndBadPatternsAreErrors() {
        assertThat(EnvironmentValidator.checkAllowedJobs("team-a/**\nrelease/web").isOk()).isTrue();
        assertThat(EnvironmentValidator.checkAllowedJobs("").kind()).isEqualTo(FieldCheck.Kind.WARNING);
        assertThat(EnvironmentValidator.checkAllowedJobs("/team-a/**").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(EnvironmentValidator.checkAllowedJobs("team a/web").kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(EnvironmentValidator.splitPatterns("a/**, b/*\n\n c ")).containsExactly("a/**", "b/*", "c");
    }

    @Test
    void aCompleteEnvironmentHasNoProblems() {
        EnvironmentSpec dev = new EnvironmentSpec("dev", DeliverySettings.builder().mode(DeliveryMode.PUSH)
                .registry("shop.azurecr.io").kubeconfigCredentialsId("kubeconfig-dev").build(), List.of("**"));

        assertThat(EnvironmentValidator.validate(dev)).isEmpty();
    }

    @Test
    void whatAModeNeedsIsReportedWithTheFieldToFill() {
        EnvironmentSpec push = new EnvironmentSpec("dev", DeliverySettings.builder().mode(DeliveryMode.PUSH).build(),
                List.of("**"));
        EnvironmentSpec gitops = new EnvironmentSpec("prod", DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .waitFor(WaitFor.ARGOCD).build(), List.of("**"));
        EnvironmentSpec halfAks = new EnvironmentSpec("qa", DeliverySettings.builder().azureCredentialsId("az")
                .clusterName("aks").kubeconfigCredentialsId("k").build(), List.of("**"));

        assertThat(EnvironmentValidator.validate(push)).extracting(FieldCheck::field)
                .containsExactly("kubeconfigCredentialsId");
        assertThat(EnvironmentValidator.validate(gitops)).extracting(FieldCheck::field)
                .containsExactly("gitRepository", "waitApplication");
        assertThat(EnvironmentValidator.validate(halfAks)).extracting(FieldCheck::message)
                .containsExactly("the AKS cluster lacks subscriptionId, resourceGroup",
                        "both a kubeconfig and an AKS cluster are given");
    }

    @Test
    void namesUsedTwiceAreReportedAcrossTheList() {
        EnvironmentSpec a = new EnvironmentSpec("prod", DeliverySettings.NONE, List.of("**"));
        EnvironmentSpec b = new EnvironmentSpec("Prod", DeliverySettings.NONE, List.of("**"));

        assertThat(EnvironmentValidator.validateAll(List.of(a, b))).extracting(FieldCheck::message)
                .containsExactly("the name 'Prod' is used twice");
    }
}
