package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int slipway(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    static DeliveryRecord record(String id, String environment, int minute) {
        Instant start = Instant.parse("2026-11-26T10:00:00Z").plusSeconds(60L * minute);
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, id, environment, DeliveryRecord.Mode.PUSH,
                DeliveryRecord.Outcome.SUCCEEDED, start, start.plusSeconds(20), null, null,
                new DeliveryRecord.Image("shop.azurecr.io", "shop/web", "sha256:" + "ab".repeat(32), List.of("1.0"), null),
                new DeliveryRecord.Target("aks-prod", "shop", null, null, null), null, null, null,
                List.of(new DeliveryRecord.PhaseRecord("deploy", DeliveryRecord.PhaseStatus.SUCCEEDED, start, start.plusSeconds(20), null)),
                null, null);
    }

    private Path writeRecord(String name, DeliveryRecord record) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, DeliveryRecords.toJson(record, new SecretMasker()));
        return file;
    }

    @Test
    void aRecordGetsItsReportBesideIt() throws Exception {
        Path file = writeRecord("delivery-7.json", record("d-7", "prod", 0));

        assertThat(slipway("report", file.toString())).isZero();

        Path report = dir.resolve("delivery-7.html");
        assertThat(out.toString()).contains("Report written to " + report);
        assertThat(Files.readString(report)).contains("\"id\" : \"d-7\"").contains("<title>Slipway deliveries: delivery-7.json</title>");
    }

    @Test
    void aFolderBecomesOneReportNewestFirstAndOtherJsonIsSkipped() throws Exception {
        writeRecord("a.json", record("old", "prod", 0));
        writeRecord("b.json", record("new", "prod", 5));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"not-a-record\"}");
        Path out = dir.resolve("out/all.html");

        assertThat(slipway("report", dir.toString(), "--html", out.toString())).isZero();

        String html = Files.readString(out);
        assertThat(html.indexOf("\"id\" : \"new\"")).isPositive().isLessThan(html.indexOf("\"id\" : \"old\""));
        assertThat(err.toString()).contains("skipped package.json");
        assertThat(dir.resolve(ReportCommand.FOLDER_REPORT)).doesNotExist();
    }

    @Test
    void anIndexKeepsItsEnvironments() throws Exception {
        Path index = dir.resolve(DeliveryIndexFile.FILE_NAME);
        DeliveryIndexFile file = new DeliveryIndexFile(index, 10, Events.silent());
        file.record(record("d-1", "prod", 0));

        assertThat(slipway("report", index.toString())).isZero();

        assertThat(Files.readString(dir.resolve("slipway-deliveries.html")))
                .contains("\"kind\" : \"slipway-delivery-index\"").contains("\"environments\"");
    }

    @Test
    void aRecordFromANewerSlipwayIsRefusedWithExitCode1AndNoReport() throws Exception {
        Path file = dir.resolve("newer.json");
        Files.writeString(file, DeliveryRecords.toJson(record("d-9", "prod", 0), new SecretMasker())
                .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 5"));

        assertThat(slipway("report", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("newer than this Slipway understands").contains("Fix: upgrade Slipway");
        assertThat(dir.resolve("newer.html")).doesNotExist();
    }

    @Test
    void jsonThatIsNoRecordIsRefused() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"hello\": 1}");

        assertThat(slipway("report", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a Slipway delivery record");
    }

    @Test
    void anEmptyFolderIsAnError() {
        assertThat(slipway("report", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no delivery records in");
    }

    @Test
    void jsonOutputNamesTheReportFile() throws Exception {
        writeRecord("a.json", record("json", "prod", 0));

        assertThat(slipway("report", dir.toString(), "-o", "json")).as(err.toString()).isZero();

        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/result/report").asText()).isEqualTo(dir.resolve(ReportCommand.FOLDER_REPORT).toAbsolutePath().toString());
        assertThat(dir.resolve(ReportCommand.FOLDER_REPORT)).isRegularFile();
        assertThat(document.get("exitCode").asInt()).isZero();
    }
}
