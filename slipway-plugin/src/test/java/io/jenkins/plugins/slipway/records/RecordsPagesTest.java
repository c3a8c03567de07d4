package io.jenkins.plugins.slipway.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Jelly views are only mount points, and the front end they name as a Stapler adjunct is the one in the engine
 * jar: Stapler turns {@code dev.slipway.report.slipway-report} into {@code dev/slipway/report/slipway-report.js}
 * and {@code .css}, looked up through the plugin's class loader (which holds the bundled engine jar).
 */
class RecordsPagesTest {
    private static final Pattern ADJUNCT = Pattern.compile("<st:adjunct includes=\"([^\"]+)\"/>");

    private static String resource(String name) throws IOException {
        try (InputStream in = RecordsPagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothPagesMountTheSharedFrontEndOnTheirApiJson() throws IOException {
        for (Class<?> action : new Class<?>[] {DeliveriesAction.class, EnvironmentsAction.class}) {
            String jelly = resource(action.getSimpleName() + "/index.jelly");
            assertThat(jelly).as(action.getSimpleName())
                    .startsWith("<?jelly escape-by-default='true'?>")
                    .contains("<l:layout", "<l:main-panel>", "<div data-slipway-report=\"true\" data-src=\"api/json\">")
                    // a mount point: no record field is rendered server-side
                    .doesNotContain("records").doesNotContain("<script");
            Matcher adjunct = ADJUNCT.matcher(jelly);
            assertThat(adjunct.find()).as("adjunct in " + action.getSimpleName()).isTrue();
            String path = "/" + adjunct.group(1).replace('.', '/');
            assertThat(path).isEqualTo(ReportWriter.RESOURCES + "slipway-report");
            assertThat(resource(path + ".js")).isEqualTo(ReportWriter.resource(ReportWriter.SCRIPT));
            assertThat(resource(path + ".css")).isEqualTo(ReportWriter.resource(ReportWriter.STYLESHEET));
        }
    }

    @Test
    void bothPagesLiveAtSlipwayUnderTheRunAndTheJob() {
        DeliveriesAction run = new DeliveriesAction();
        EnvironmentsAction job = new EnvironmentsAction(null);
        assertThat(run.getUrlName()).isEqualTo("slipway");
        assertThat(run.getDisplayName()).isEqualTo("Deliveries");
        assertThat(run.getIconFileName()).startsWith("symbol-");
        assertThat(job.getUrlName()).isEqualTo("slipway");
        assertThat(job.getDisplayName()).isEqualTo("Environments");
        assertThat(job.getIconFileName()).startsWith("symbol-");
    }
}
