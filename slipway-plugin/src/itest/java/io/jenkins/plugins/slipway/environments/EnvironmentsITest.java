package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.slipway.freestyle.DeliverBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): the environments and "Build and deliver"
 * survive their forms unchanged, a job outside an environment's allowed jobs is refused before anything is built, and
 * the Configuration as Code example of docs/jenkins-configuration.md imports and exports.
 */
@WithJenkins
class EnvironmentsITest {

    @Test
    void environmentsSurviveTheGlobalConfigurationForm(JenkinsRule jenkins) throws Exception {
        DeliveryEnvironment dev = new DeliveryEnvironment("dev");
        dev.setMode("push");
        dev.setRegistry("shop.azurecr.io");
        dev.setKubeconfigCredentialsId("kubeconfig-dev");
        dev.setNamespace("shop");
        dev.setAllowedJobs("**");
        DeliveryEnvironment prod = new DeliveryEnvironment("prod");
        prod.setMode("gitops");
        prod.setGitRepository("https://git.example.com/shop/deploy.git");
        prod.setGitTargets("tag=image.tag");
        prod.setWaitFor("argocd");
        prod.setWaitApplication("shop-prod");
        prod.setWaitTimeoutMinutes("15");
        prod.setAllowedJobs("release/*\nteam-a/**");
        SlipwayEnvironments.get().setEnvironments(List.of(dev, prod));

        jenkins.configRoundtrip();

        List<DeliveryEnvironment> after = SlipwayEnvironments.get().getEnvironments();
        assertThat(after).extracting(e -> e.spec()).containsExactly(dev.spec(), prod.spec());
    }

    @Test
    void buildAndDeliverSurvivesTheJobForm(JenkinsRule jenkins) throws Exception {
        DeliverBuilder before = new DeliverBuilder("shop/web");
        before.setEnvironment("prod");
        before.setTags("1.4 latest");
        before.setBuildArgs("VERSION=1.4");
        before.setMode("gitops");
        before.setGitPath("prod/eu");
        before.setWaitTimeoutMinutes("20");

        DeliverBuilder after = jenkins.configRoundtrip(before);

        jenkins.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void aJobOutsideTheEnvironmentIsRefusedAndOneInsideGetsPastTheRule(JenkinsRule jenkins) throws Exception {
        DeliveryEnvironment prod = new DeliveryEnvironment("prod");
        prod.setRegistry("shop.azurecr.io");
        prod.setAllowedJobs("release-*");
        SlipwayEnvironments.get().setEnvironments(List.of(prod));
        String script = "node {\n"
                + "  try {\n"
                + "    slipwayDeliver image: 'shop/web', environment: 'prod'\n"
                + "  } catch (e) {\n"
                + "    echo \"refused: ${e.message}\"\n"
                + "  }\n"
                + "}";
        WorkflowJob outside = jenkins.createProject(WorkflowJob.class, "web");
        outside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob inside = jenkins.createProject(WorkflowJob.class, "release-web");
        inside.setDefinition(new CpsFlowDefinition(script, true));

        WorkflowRun refused = jenkins.buildAndAssertSuccess(outside);
        WorkflowRun allowed = jenkins.buildAndAssertSuccess(inside);

        jenkins.assertLogContains("refused: environment 'prod' may not be used by job 'web': it allows only release-*",
                refused);
        // past the rule, the next check is the missing mode (neither the step nor the environment gives one)
        jenkins.assertLogContains("refused: mode: is not given, here or by the environment", allowed);
    }

    @Test
    void theDocumentedConfigurationAsCodeImportsAndExports(JenkinsRule jenkins) throws Exception {
        Path yaml = Files.createTempFile("slipway-casc", ".yaml");
        Files.writeString(yaml, documentedExample());

        ConfigurationAsCode.get().configure(yaml.toString());

        assertThat(SlipwayEnvironments.get().getEnvironments()).extracting(DeliveryEnvironment::getName)
                .containsExactly("dev", "staging", "prod");
        assertThat(SlipwayEnvironments.get().catalog().find("staging").orElseThrow().allowedJobs())
                .containsExactly("shop/**", "release/*");
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("slipway"));
        assertThat(exported).contains("environments:").contains("prod").contains("shop-prod")
                .contains("allowedJobs").contains("argocd-readonly");
        Files.delete(yaml);
    }

    private static String documentedExample() throws Exception {
        Matcher blocks = Pattern.compile("```yaml\\n(unclassified:.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "jenkins-configuration.md")));
        assertThat(blocks.find()).as("the example in docs/jenkins-configuration.md").isTrue();
        return blocks.group(1);
    }
}
