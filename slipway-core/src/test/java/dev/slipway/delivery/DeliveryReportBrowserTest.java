package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord.Mode;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The delivery report as a person sees it: records made by {@link DeliveryRecorder} from engine events,
 * rendered by {@link ReportWriter} (and, for the Jenkins pages, fetched from a JSON endpoint), opened in
 * Debian's headless Chromium driven by Playwright ({@code src/test/browser/report.test.mjs}, run with
 * node's test runner). Screenshots land in {@code target/browser/screenshots}.
 */
@Tag("browser")
class DeliveryReportBrowserTest {
    private static final Path BROWSER_SOURCES = Path.of("src", "test", "browser");
    private static final Path WORK = Path.of("target", "browser");
    private static final String DIGEST = "sha256:4f9a1c0e" + "7d3b5a2f".repeat(7);
    private static final String OLD_DIGEST = "sha256:1b2c3d4e" + "5f6a7b8c".repeat(7);

    private static final class Scenario {
        final ManualClock clock;
        final Events events;
        final DeliveryRecorder recorder;

        Scenario(String id, Mode mode, String start) {
            clock = new ManualClock(Instant.parse(start), Duration.ZERO);
            events = new Events(clock, new SecretMasker());
            recorder = new DeliveryRecorder(id, mode, clock);
            events.subscribe(recorder);
            events.started(Phase.DELIVER, "", "");
        }

        Scenario phase(Phase phase, int seconds, String message) {
            events.started(phase, "", "");
            clock.advance(seconds);
            events.finished(phase, "", message);
            return this;
        }
    }

    static DeliveryRecord pushDelivery() {
        Scenario s = new Scenario("d-push-31", Mode.PUSH, "2026-11-26T09:30:00Z");
        s.recorder.environment("staging")
                .source(new DeliveryRecord.Source("https://git.example/shop/web.git", "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", "main"))
                .build(new DeliveryRecord.Build("https://jenkins.example/job/shop/31/", 31L, "buildah"))
                .image(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4.2", "31"), 52_428_800L))
                .target(new DeliveryRecord.Target("aks-staging", "shop", null, null, null))
                .addChanges(List.of(new Change("Deployment/shop/web", 0, "spec.template.spec.containers[web].image",
                        "shop.azurecr.io/shop/web:1.4.1@" + OLD_DIGEST, "shop.azurecr.io/shop/web:1.4.2@" + DIGEST)))
                .link("registry", "shop/web in shop.azurecr.io", "https://portal.azure.example/#registry/shop/web")
                .link("build", "Jenkins run #31", "https://jenkins.example/job/shop/31/");
        s.phase(Phase.BUILD, 40, "built with buildah").phase(Phase.PUSH, 12, "3 blobs uploaded, 2 already there")
                .phase(Phase.DEPLOY, 3, "2 objects applied").phase(Phase.WAIT, 45, "Deployment/shop/web: 3 of 3 replicas ready");
        s.events.finished(Phase.DELIVER, "", "");
        return s.recorder.snapshot();
    }

    static DeliveryRecord gitOpsWaiting() {
        Scenario s = new Scenario("d-gitops-32", Mode.GITOPS, "2026-11-26T11:00:00Z");
        s.recorder.environment("prod").plan(Phase.BUILD, Phase.PUSH, Phase.UPDATE, Phase.COMMIT, Phase.PULL_REQUEST, Phase.WAIT)
                .source(new DeliveryRecord.Source("https://git.example/shop/web.git", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567", "main"))
                .build(new DeliveryRecord.Build("https://jenkins.example/job/shop/32/", 32L, "buildah"))
                .image(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4.2"), 52_428_800L))
                .target(new DeliveryRecord.Target(null, null, "https://git.example/platform/gitops.git", "main", "apps/shop/overlays/prod"))
                .addChanges(List.of(
                        new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].newTag", "1.4.1", "1.4.2"),
                        new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].digest", null, DIGEST)))
                .commit(new DeliveryRecord.Commit("c0ffee0123456789abcdef0123456789abcdef01",
                        "https://git.example/platform/gitops/commit/c0ffee0123456789abcdef0123456789abcdef01"))
                .pullRequest(new DeliveryRecord.PullRequest(57, "https://git.example/platform/gitops/pull/57"))
                .link("argocd", "shop-prod in Argo CD", "https://argocd.example/applications/shop-prod");
        s.phase(Phase.BUILD, 38, null).phase(Phase.PUSH, 9, null).phase(Phase.UPDATE, 1, "2 values in 1 file")
                .phase(Phase.COMMIT, 2, "c0ffee01 pushed to main").phase(Phase.PULL_REQUEST, 2, "#57 merged");
        s.events.started(Phase.WAIT, "shop-prod", "waiting for Argo CD");
        s.clock.advance(30);
        s.events.progress(Phase.WAIT, "shop-prod", "OutOfSync / Progressing", 0, -1);
        return s.recorder.snapshot();
    }

    static DeliveryRecord rolledBack() {
        Scenario s = new Scenario("d-push-30", Mode.PUSH, "2026-11-26T10:00:00Z");
        s.recorder.environment("prod").plan(Phase.BUILD, Phase.PUSH, Phase.DEPLOY, Phase.WAIT, Phase.PRUNE)
                .build(new DeliveryRecord.Build("https://jenkins.example/job/shop/30/", 30L, "buildah"))
                .image(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", OLD_DIGEST, List.of("1.4.1"), null))
                .target(new DeliveryRecord.Target("aks-prod", "shop", null, null, null))
                // hostile text from a cluster message: must show as text, never run
                .link("build", "javascript link", "javascript:alert('link')");
        s.phase(Phase.BUILD, 35, null).phase(Phase.PUSH, 8, null).phase(Phase.DEPLOY, 2, "2 objects applied");
        s.events.started(Phase.WAIT, "", "");
        s.clock.advance(120);
        s.events.failed(Phase.WAIT, "Deployment/shop/web",
                "Deployment/shop/web: ImagePullBackOff </script><img src=x onerror=alert('xss')> after 120 s");
        s.events.started(Phase.ROLLBACK, "", "");
        s.clock.advance(20);
        s.events.finished(Phase.ROLLBACK, "", "rolled back to revision 6");
        s.events.failed(Phase.DELIVER, "", "delivery failed");
        return s.recorder.snapshot();
    }

    static DeliveryRecord earlierProdSuccess() {
        Scenario s = new Scenario("d-push-29", Mode.PUSH, "2026-11-25T16:00:00Z");
        s.recorder.environment("prod")
                .build(new DeliveryRecord.Build("https://jenkins.example/job/shop/29/", 29L, "buildah"))
                .image(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", OLD_DIGEST, List.of("1.4.1"), null))
                .target(new DeliveryRecord.Target("aks-prod", "shop", null, null, null));
        s.phase(Phase.DEPLOY, 2, null).phase(Phase.WAIT, 50, null);
        s.events.finished(Phase.DELIVER, "", "");
        return s.recorder.snapshot();
    }

    @Test
    void theReportsWorkInChromium() throws Exception {
        Path chromium = RequiredBinary.of("chromium", "chromium").require();
        Path node = RequiredBinary.of("node", "nodejs").require();
        Path npm = RequiredBinary.of("npm", "npm").require();
        Path fixtures = WORK.resolve("fixtures");
        Files.createDirectories(fixtures);
        SecretMasker masker = new SecretMasker();
        Instant generated = Instant.parse("2026-11-26T12:00:00Z");

        ReportWriter.write(fixtures.resolve("push.html"), ReportWriter.render("Push delivery", List.of(pushDelivery()), masker, generated));
        ReportWriter.write(fixtures.resolve("gitops-waiting.html"),
                ReportWriter.render("GitOps delivery", List.of(gitOpsWaiting()), masker, generated));
        ReportWriter.write(fixtures.resolve("rolled-back.html"),
                ReportWriter.render("Rolled back", List.of(rolledBack()), masker, generated));
        // what the Jenkins endpoints will serve: a run's records, and the job's index
        Files.writeString(fixtures.resolve("run-records.json"), DeliveryEndpoints.runJson(List.of(rolledBack(), gitOpsWaiting()), masker));
        Path index = fixtures.resolve(DeliveryIndexFile.FILE_NAME);
        Files.deleteIfExists(index);
        DeliveryIndexFile indexFile = new DeliveryIndexFile(index, 50, Events.silent());
        for (DeliveryRecord record : List.of(earlierProdSuccess(), pushDelivery(), rolledBack(), gitOpsWaiting())) {
            indexFile.record(record);
        }

        Path tests = WORK.resolve("tests");
        Files.createDirectories(tests);
        for (String file : List.of("package.json", "package-lock.json", "report.test.mjs")) {
            Files.copy(BROWSER_SOURCES.resolve(file), tests.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // npm ci again only when the lock file changed since the last install (then it is a no-op offline)
        Path installedLock = tests.resolve("node_modules/.installed-package-lock.json");
        String lock = Files.readString(tests.resolve("package-lock.json"));
        if (!Files.exists(installedLock) || !Files.readString(installedLock).equals(lock)) {
            run(tests, List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts"), "npm-ci.log");
            Files.writeString(installedLock, lock);
        }
        run(tests, List.of(node.toString(), "--test", "--test-reporter=spec", "report.test.mjs"), "node-test.log",
                "CHROMIUM", chromium.toString(),
                "FIXTURES", fixtures.toAbsolutePath().toString(),
                "FRONT_END", Path.of("src/main/resources/dev/slipway/report").toAbsolutePath().toString(),
                "SCREENSHOTS", WORK.resolve("screenshots").toAbsolutePath().toString());
    }

    private static void run(Path dir, List<String> command, String logName, String... env) throws IOException, InterruptedException {
        Path log = WORK.resolve(logName).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process = builder.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0)
                .as("%s in %s ended with exit code %s; its output:%n%s", String.join(" ", command), dir,
                        ended ? process.exitValue() : "(killed after 5 minutes)", Files.readString(log))
                .isTrue();
    }
}
