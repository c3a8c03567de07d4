package io.jenkins.plugins.slipway.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord;
import hudson.model.Label;
import io.jenkins.plugins.slipway.records.DeliveriesAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): Pipeline binds {@code acrCopy},
 * {@code aksDeploy} and {@code withAks} from their Snippet Generator forms and back, structs can describe them, bad
 * input is refused on the controller naming the field, and a copy that fails on the agent is still recorded on the run.
 */
@WithJenkins
class PushStepsITest {
    private static final String DIGEST = "sha256:" + "1a2b".repeat(16);

    @Test
    void snippetGeneratorRoundTripsTheThreeSteps(JenkinsRule jenkins) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(jenkins);

        AcrCopyStep copy = new AcrCopyStep("dev.azurecr.io/shop/web@" + DIGEST, "prod.azurecr.io/shop/web");
        snippets.assertRoundTrip(copy, "acrCopy source: 'dev.azurecr.io/shop/web@" + DIGEST
                + "', target: 'prod.azurecr.io/shop/web'");
        copy.setTags("1.4, stable");
        copy.setSourceCredentialsId("dev-acr");
        copy.setTargetCredentialsId("prod-acr");
        snippets.assertRoundTrip(copy, "acrCopy source: 'dev.azurecr.io/shop/web@" + DIGEST + "', sourceCredentialsId:"
                + " 'dev-acr', tags: '1.4 stable', target: 'prod.azurecr.io/shop/web', targetCredentialsId: 'prod-acr'");

        snippets.assertRoundTrip(new AksDeployStep("k8s"), "aksDeploy 'k8s'");
        AksDeployStep deploy = new AksDeployStep("k8s/overlays/prod");
        deploy.setImages("shop.azurecr.io/shop/web@" + DIGEST);
        deploy.setNamespace("shop");
        deploy.setAzureCredentialsId("aks-sp");
        deploy.setSubscriptionId("sub");
        deploy.setResourceGroup("rg");
        deploy.setClusterName("aks-prod");
        deploy.setTimeout("10m");
        deploy.setRollback(false);
        snippets.assertRoundTrip(deploy, "aksDeploy azureCredentialsId: 'aks-sp', clusterName: 'aks-prod', images:"
                + " 'shop.azurecr.io/shop/web@" + DIGEST + "', manifests: 'k8s/overlays/prod', namespace: 'shop',"
                + " resourceGroup: 'rg', rollback: false, subscriptionId: 'sub', timeout: '10m'");

        WithAksStep login = new WithAksStep();
        login.setKubeconfigCredentialsId("kubeconfig");
        snippets.assertRoundTrip(login, "withAks(kubeconfigCredentialsId: 'kubeconfig') {\n    // some block\n}");

        SnippetizerTester.assertDocGeneration(AcrCopyStep.class);
        SnippetizerTester.assertDocGeneration(AksDeployStep.class);
        SnippetizerTester.assertDocGeneration(WithAksStep.class);
    }

    @Test
    void badInputIsRefusedOnTheControllerNamingTheField(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "refused");
        job.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  try { aksDeploy manifests: 'k8s' } catch (e) { echo \"deploy refused: ${e.message}\" }\n"
                + "  try { acrCopy source: 'dev.azurecr.io/shop/web:1', target: 'prod.azurecr.io/shop/web@" + DIGEST
                + "' } catch (e) { echo \"copy refused: ${e.message}\" }\n"
                + "  try { withAks(kubeconfigCredentialsId: 'missing') { echo 'body ran' } }"
                + " catch (e) { echo \"login refused: ${e.message}\" }\n"
                + "}", true));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("deploy refused: kubeconfigCredentialsId: no cluster access is given", run);
        jenkins.assertLogContains("copy refused: target: 'prod.azurecr.io/shop/web@" + DIGEST + "' has a digest", run);
        jenkins.assertLogContains("login refused: kubeconfigCredentialsId: no credential with id 'missing'", run);
    }

    @Test
    void aCopyThatFailsOnTheAgentIsRecordedOnTheRunAsFailed(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "copy");
        // nothing listens on port 9 of the agent's loopback: the copy fails there, after the record was started
        job.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  try { acrCopy source: '127.0.0.1:9/shop/web@" + DIGEST + "', target: '127.0.0.1:9/release/web' }"
                + " catch (e) { echo \"copy failed: ${e.message}\" }\n"
                + "}", true));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("copy failed:", run);
        DeliveriesAction deliveries = run.getAction(DeliveriesAction.class);
        assertThat(deliveries).isNotNull();
        assertThat(deliveries.getRecords()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
            assertThat(record.failure().phase()).isEqualTo("copy");
            assertThat(record.build().number()).isEqualTo(1L);
        });
    }
}
