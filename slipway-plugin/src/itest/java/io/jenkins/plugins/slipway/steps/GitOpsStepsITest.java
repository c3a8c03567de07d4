package io.jenkins.plugins.slipway.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord;
import hudson.model.Label;
import io.jenkins.plugins.slipway.records.DeliveriesAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): Pipeline binds {@code gitopsUpdate} and
 * {@code waitForSync} from their Snippet Generator form and back; a Pipeline on an agent updates a real Git
 * repository ({@code file://}, made by the test with the git CLI), gets the commit back and finds the delivery record
 * on the run; bad input to {@code waitForSync} is refused before the agent, naming the field.
 */
@WithJenkins
class GitOpsStepsITest {
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

    @TempDir
    Path temp;

    @Test
    void snippetGeneratorRoundTripsBothSteps(JenkinsRule jenkins) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(jenkins);

        snippets.assertRoundTrip(new GitOpsUpdateStep("https://git.example.com/shop/gitops.git",
                "shop.azurecr.io/shop/web@" + DIGEST), "gitopsUpdate image: 'shop.azurecr.io/shop/web@" + DIGEST
                + "', repository: 'https://git.example.com/shop/gitops.git'");
        GitOpsUpdateStep full = new GitOpsUpdateStep("https://git.example.com/shop/gitops.git", "shop.azurecr.io/shop/web@" + DIGEST);
        full.setPath("apps/shop");
        full.setCredentialsId("git");
        full.setPullRequest(true);
        full.setPin("Digest");
        snippets.assertRoundTrip(full, "gitopsUpdate credentialsId: 'git', image: 'shop.azurecr.io/shop/web@" + DIGEST
                + "', path: 'apps/shop', pin: 'digest', pullRequest: true, repository: 'https://git.example.com/shop/gitops.git'");
        WaitForSyncStep wait = new WaitForSyncStep("0123456789abcdef0123456789abcdef01234567");
        wait.setArgoCdApplication("shop-prod");
        wait.setArgoCdServer("https://argocd.example.com");
        wait.setArgoCdCredentialsId("argo");
        wait.setTimeout("15m");
        snippets.assertRoundTrip(wait, "waitForSync argoCdApplication: 'shop-prod', argoCdCredentialsId: 'argo',"
                + " argoCdServer: 'https://argocd.example.com', commit: '0123456789abcdef0123456789abcdef01234567', timeout: '15m'");
        SnippetizerTester.assertDocGeneration(GitOpsUpdateStep.class);
        SnippetizerTester.assertDocGeneration(WaitForSyncStep.class);
    }

    @Test
    void aPipelineOnAnAgentCommitsTheImageAndRecordsTheDelivery(JenkinsRule jenkins) throws Exception {
        Path repository = bareRepositoryWithADeployment();
        jenkins.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "gitops");
        job.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  def r = gitopsUpdate repository: '" + repository.toUri() + "', path: 'apps/shop',\n"
                + "      image: 'shop.azurecr.io/shop/web:1.4@" + DIGEST + "'\n"
                + "  echo \"commit=${r.commit} changed=${r.changed}\"\n"
                + "  try {\n"
                + "    waitForSync commit: 'main', argoCdApplication: 'shop'\n"
                + "  } catch (e) {\n"
                + "    echo \"waitForSync refused: ${e.message}\"\n"
                + "  }\n"
                + "}", true));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        String head = git(repository, "rev-parse", "main").strip();
        jenkins.assertLogContains("commit=" + head + " changed=apps/shop/web.yaml (1)", run);
        jenkins.assertLogContains("waitForSync refused: commit: 'main' is not a commit id", run);
        assertThat(git(repository, "show", "main:apps/shop/web.yaml")).contains("web:1.4@" + DIGEST);
        List<DeliveryRecord> records = run.getAction(DeliveriesAction.class).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).mode()).isEqualTo(DeliveryRecord.Mode.GITOPS);
        assertThat(records.get(0).commit().id()).isEqualTo(head);
    }

    private Path bareRepositoryWithADeployment() throws IOException, InterruptedException {
        Path work = temp.resolve("work");
        Path bare = temp.resolve("gitops.git");
        Files.createDirectories(work.resolve("apps/shop"));
        Files.writeString(work.resolve("apps/shop/web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - name: web\n"
                + "          image: shop.azurecr.io/shop/web:1.3\n");
        git(work, "init", "-q", "-b", "main");
        git(work, "add", ".");
        git(work, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "seed");
        git(temp, "clone", "-q", "--bare", work.toString(), bare.toString());
        return bare;
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
