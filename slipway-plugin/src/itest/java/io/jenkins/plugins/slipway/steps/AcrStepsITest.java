package io.jenkins.plugins.slipway.steps;

import hudson.model.Label;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): Pipeline binds {@code acrBuild} and
 * {@code withAcr} from their Snippet Generator form and back, structs can describe them, and bad input (an unknown
 * credential, an image with a tag) is refused before anything reaches the agent.
 */
@WithJenkins
class AcrStepsITest {

    @Test
    void snippetGeneratorRoundTripsBothSteps(JenkinsRule jenkins) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(jenkins);

        snippets.assertRoundTrip(new AcrBuildStep("shop.azurecr.io/shop/web"),
                "acrBuild 'shop.azurecr.io/shop/web'");
        AcrBuildStep full = new AcrBuildStep("shop.azurecr.io/shop/web");
        full.setTags("1.4, latest");
        full.setContext("web");
        full.setBuildArgs("VERSION=1.4");
        full.setSecrets("npmrc=npm-token");
        full.setCredentialsId("acr");
        snippets.assertRoundTrip(full, "acrBuild buildArgs: 'VERSION=1.4', context: 'web', credentialsId: 'acr',"
                + " image: 'shop.azurecr.io/shop/web', secrets: 'npmrc=npm-token', tags: '1.4 latest'");
        WithAcrStep login = new WithAcrStep("shop.azurecr.io");
        login.setCredentialsId("acr");
        snippets.assertRoundTrip(login, "withAcr(credentialsId: 'acr', registry: 'shop.azurecr.io') {\n    // some block\n}");
        SnippetizerTester.assertDocGeneration(AcrBuildStep.class);
        SnippetizerTester.assertDocGeneration(WithAcrStep.class);
    }

    @Test
    void badInputIsRefusedOnTheControllerNamingTheField(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "login");
        job.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  try {\n"
                + "    withAcr(registry: 'registry.example.com', credentialsId: 'missing') { echo 'body ran' }\n"
                + "  } catch (e) {\n"
                + "    echo \"refused: ${e.message}\"\n"
                + "  }\n"
                + "  try {\n"
                + "    acrBuild image: 'shop.azurecr.io/shop/web:1.4'\n"
                + "  } catch (e) {\n"
                + "    echo \"acrBuild refused: ${e.message}\"\n"
                + "  }\n"
                + "}", true));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("refused: credentialsId: no credential with id 'missing'", run);
        jenkins.assertLogContains("acrBuild refused: image: 'shop.azurecr.io/shop/web:1.4' has a tag or digest", run);
    }
}
