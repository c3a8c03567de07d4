package io.jenkins.plugins.slipway.steps;

import hudson.model.Label;
import io.jenkins.plugins.slipway.SlipwayVersion;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): the step is found by its function name,
 * runs on an agent, and the engine's version resource reaches the agent through remote class loading.
 */
@WithJenkins
class SlipwayVersionStepITest {

    @Test
    void slipwayVersionReturnsTheEngineVersionReadOnAnAgent(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "version");
        job.setDefinition(new CpsFlowDefinition(
                "node('remote') { echo \"slipway engine ${slipwayVersion()}\" }", true));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("slipway engine " + SlipwayVersion.current(), run);
    }
}
