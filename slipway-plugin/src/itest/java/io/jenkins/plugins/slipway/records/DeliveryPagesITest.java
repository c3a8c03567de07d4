package io.jenkins.plugins.slipway.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.ReportWriter;
import dev.slipway.support.Events;
import hudson.model.Item;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Runs in a real Jenkins (slipway-plugin-jenkins, profile {@code jenkins}): the pages and their JSON are bound at
 * {@code .../slipway/}, the front end is served from the engine jar as an adjunct, and a user who may not read the
 * job gets Jenkins' 404 (may not see it) or 403 (may see it), never a record. Requests are anonymous and plain HTTP,
 * as the page's own fetch is.
 */
@WithJenkins
class DeliveryPagesITest {
    private static final Pattern FRONT_END_SCRIPT = Pattern.compile("src=\"([^\"]*dev/slipway/report/slipway-report\\.js)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunWithARecordShowsItsDeliveriesAndTheJobItsEnvironments(JenkinsRule jenkins) throws Exception {
        delivered(jenkins, "shop", "d-shop-1");

        HttpResponse<String> runJson = get(jenkins, "job/shop/1/slipway/api/json");
        assertThat(runJson.statusCode()).isEqualTo(200);
        assertThat(runJson.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(runJson.body()).startsWith("{\"records\": [").contains("\"id\" : \"d-shop-1\"");

        HttpResponse<String> jobJson = get(jenkins, "job/shop/slipway/api/json");
        assertThat(jobJson.statusCode()).isEqualTo(200);
        assertThat(jobJson.body()).contains("\"kind\" : \"slipway-delivery-index\"").contains("d-shop-1").contains("\"name\" : \"prod\"");

        for (String page : new String[] {"job/shop/1/slipway/", "job/shop/slipway/"}) {
            HttpResponse<String> html = get(jenkins, page);
            assertThat(html.statusCode()).as(page).isEqualTo(200);
            assertThat(html.body()).as(page).contains("data-slipway-report=\"true\"").contains("data-src=\"api/json\"");
            Matcher script = FRONT_END_SCRIPT.matcher(html.body());
            assertThat(script.find()).as("front end script on " + page).isTrue();
            HttpResponse<String> js = http.send(HttpRequest.newBuilder(jenkins.getURL().toURI().resolve(script.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.body()).isEqualTo(ReportWriter.resource(ReportWriter.SCRIPT));
        }
    }

    @Test
    void withoutItemReadTheEndpointsAnswer404Or403AndNoRecord(JenkinsRule jenkins) throws Exception {
        WorkflowJob open = delivered(jenkins, "open", "d-open-1");
        delivered(jenkins, "hidden", "d-hidden-1");
        WorkflowJob visible = delivered(jenkins, "visible", "d-visible-1");
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().toEveryone()
                .grant(Item.READ).onItems(open).toEveryone()
                .grant(Item.DISCOVER).onItems(visible).toEveryone());

        assertThat(get(jenkins, "job/open/1/slipway/api/json").statusCode()).isEqualTo(200);
        assertThat(get(jenkins, "job/open/slipway/api/json").statusCode()).isEqualTo(200);
        for (String path : new String[] {"job/hidden/1/slipway/api/json", "job/hidden/slipway/api/json", "job/hidden/1/slipway/"}) {
            HttpResponse<String> refused = get(jenkins, path);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain("d-hidden-1");
        }
        for (String path : new String[] {"job/visible/1/slipway/api/json", "job/visible/slipway/api/json", "job/visible/1/slipway/"}) {
            HttpResponse<String> refused = get(jenkins, path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).doesNotContain("d-visible-1");
        }
    }

    /** A job whose first run delivered {@code id} to "prod", stored as the steps store it: on the run and in the job's index. */
    private static WorkflowJob delivered(JenkinsRule jenkins, String name, String id) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("echo 'delivering'", true));
        WorkflowRun run = jenkins.buildAndAssertSuccess(job);
        DeliveryRecord record = new DeliveryRecorder(id, DeliveryRecord.Mode.PUSH, Clock.systemUTC()).environment("prod").finish();
        RunDeliveries.store(run, record, Events.silent());
        return job;
    }

    private HttpResponse<String> get(JenkinsRule jenkins, String path) throws Exception {
        URI uri = jenkins.getURL().toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json, text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
