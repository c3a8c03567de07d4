package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final String CANARY = Canary.of("report-secret");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"slipway-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    static DeliveryRecord hostile() {
        DeliveryRecord base = DeliveryRecordJsonTest.gitOpsRecord();
        return new DeliveryRecord(base.schemaVersion(), base.id(), base.environment(), base.mode(), DeliveryRecord.Outcome.FAILED,
                base.startedAt(), base.finishedAt(), base.source(), base.build(), base.image(), base.target(),
                List.of(new Change("a&b.yaml", 0, "x", "<!--", "{{JS}}")), base.commit(), base.pullRequest(), base.phases(),
                base.links(), new DeliveryRecord.Failure("wait", "</script><script>alert(1)</script>\u2028line & more"));
    }

    private static String dataBlock(String html) {
        Matcher m = DATA_BLOCK.matcher(html);
        assertThat(m.find()).as("the report has one JSON data block").isTrue();
        return m.group(1);
    }

    @Test
    void theDataBlockCannotBeClosedOrEscapedFromAndParsesBackToTheSameValues() throws Exception {
        String html = ReportWriter.render("Deliveries", List.of(hostile()), new SecretMasker(), NOW);

        String data = dataBlock(html);
        assertThat(data).doesNotContain("<", ">", "&", "\u2028").contains("\\u003c/script\\u003e");
        JsonNode parsed = new ObjectMapper().readTree(data);
        assertThat(parsed.get(0).path("failure").path("reason").asText())
                .isEqualTo("</script><script>alert(1)</script>\u2028line & more");
        // a placeholder inside the data stays data
        assertThat(parsed.get(0).path("changes").get(0).path("newValue").asText()).isEqualTo("{{JS}}");
        assertThat(html).containsOnlyOnce("window.SlipwayReport");
    }

    @Test
    void theReportIsSelfContained() {
        String html = ReportWriter.render("Deliveries", List.of(DeliveryRecordJsonTest.gitOpsRecord()), new SecretMasker(), NOW);

        assertThat(html).doesNotContainPattern("<(script|link)[^>]+(src|href)=\"(?!data:)").doesNotContain("{{");
        assertThat(html).contains(ReportWriter.resource(ReportWriter.STYLESHEET).strip())
                .contains(ReportWriter.resource(ReportWriter.SCRIPT).strip());
    }

    @Test
    void theFrontEndFilesCanBeInlined() {
        for (String file : List.of(ReportWriter.STYLESHEET, ReportWriter.SCRIPT)) {
            assertThat(ReportWriter.resource(file)).as(file).doesNotContainIgnoringCase("</script").doesNotContainIgnoringCase("</style");
        }
    }

    @Test
    void theTitleIsEscaped() {
        String html = ReportWriter.render("<b>shop</b> & co", List.of(), new SecretMasker(), NOW);

        assertThat(html).contains("<title>&lt;b&gt;shop&lt;/b&gt; &amp; co</title>").doesNotContain("<b>shop");
    }

    @Test
    void aSecretNeverReachesTheReport() {
        SecretMasker masker = new SecretMasker().register(Secret.of(CANARY));
        DeliveryRecord base = DeliveryRecordJsonTest.gitOpsRecord();
        DeliveryRecord leaky = new DeliveryRecord(1, "x", "prod", base.mode(), DeliveryRecord.Outcome.FAILED, base.startedAt(), null,
                null, null, null, null, null, null, null, null, null, new DeliveryRecord.Failure("login", "bad " + CANARY));

        assertThat(ReportWriter.render("r", List.of(leaky), masker, NOW)).doesNotContain(CANARY);
    }

    @Test
    void writingReplacesTheFileWhole() throws Exception {
        Path out = dir.resolve("sub/report.html");
        ReportWriter.write(out, "old");
        ReportWriter.write(out, "new");

        assertThat(out).hasContent("new");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }
}
