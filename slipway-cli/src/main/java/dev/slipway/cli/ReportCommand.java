package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.delivery.DeliveryIndex;
import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.delivery.EngineContext;
import dev.slipway.delivery.ReportWriter;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway report}: one self-contained HTML file from delivery records or a job's delivery index. */
@Command(name = "report",
        description = {"Write a self-contained HTML report (opens offline, no server) of delivery records.",
                "INPUT is a record (.json), an array of records, a delivery index (" + DeliveryIndexFile.FILE_NAME
                        + ": shows environments and history), or a folder: every record in its *.json files."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  slipway report .slipway/records    # writes slipway-report.html there",
            "  slipway report delivery.json --html out/report.html -o json"})
final class ReportCommand extends EngineCommand {
    static final String FOLDER_REPORT = "slipway-report.html";

    /** Made on first use, so the other commands (and --version) start without loading Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Parameters(index = "0", paramLabel = "INPUT", description = "A record or index JSON file, or a folder of them.")
    Path input;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Where to write the report. Default: INPUT with .html beside it, or " + FOLDER_REPORT + " in a folder.")
    Path html;

    @Override
    int run(EngineContext context) {
        Path out = html != null ? html : defaultOutput(input);
        String title = "Slipway deliveries: " + input.toAbsolutePath().normalize().getFileName();
        String page = Files.isDirectory(input) ? folderReport(title) : fileReport(title);
        ReportWriter.write(out, page);
        result(new Report(out.toAbsolutePath().normalize().toString()), "Report written to " + out);
        return OK;
    }

    /** What {@code -o json} reports: where the HTML file is. */
    record Report(String report) { }

    static Path defaultOutput(Path input) {
        if (Files.isDirectory(input)) {
            return input.resolve(FOLDER_REPORT);
        }
        String name = input.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return input.resolveSibling(base + ".html");
    }

    private String fileReport(String title) {
        JsonNode tree = readJson(input);
        if (isIndex(tree)) {
            DeliveryIndex index = parseIndex(tree, input);
            return ReportWriter.renderJson(title, DeliveryIndexFile.toJson(index, new SecretMasker()), Instant.now());
        }
        List<DeliveryRecord> records = records(tree, input);
        if (records.isEmpty()) {
            throw new SlipwayException(input + " is not a Slipway delivery record, array of records or delivery index",
                    "pass a record written by Slipway (it has \"schemaVersion\" and \"phases\")");
        }
        return ReportWriter.render(title, records, new SecretMasker(), Instant.now());
    }

    private String folderReport(String title) {
        Map<String, DeliveryRecord> byId = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(input)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new SlipwayException("cannot list " + input + ": " + e.getMessage(), "check the folder exists and is readable", e);
        }
        for (Path file : files) {
            JsonNode tree = readJson(file);
            List<DeliveryRecord> found = isIndex(tree) ? parseIndex(tree, file).history() : records(tree, file);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("slipway report: skipped " + file.getFileName() + ": not a delivery record");
            }
            found.forEach(r -> byId.put(r.id(), r));
        }
        if (byId.isEmpty()) {
            throw new SlipwayException("no delivery records in " + input,
                    "point at the folder where Slipway wrote its records, or at one record file");
        }
        List<DeliveryRecord> newestFirst = new ArrayList<>(byId.values());
        newestFirst.sort(Comparator.comparing(DeliveryRecord::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return ReportWriter.render(title, newestFirst, new SecretMasker(), Instant.now());
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SlipwayException(file + " is not valid JSON: " + e.getOriginalMessage(),
                    "the file may be truncated or edited by hand; Slipway writes records atomically");
        } catch (IOException e) {
            throw new SlipwayException("cannot read " + file + ": " + e.getMessage(), "check the path and its permissions", e);
        }
    }

    private static boolean isIndex(JsonNode tree) {
        return tree != null && tree.isObject() && tree.has("kind");
    }

    private static DeliveryIndex parseIndex(JsonNode tree, Path file) {
        try {
            return DeliveryIndexFile.parse(tree.toString(), Integer.MAX_VALUE);
        } catch (SlipwayException e) {
            throw new SlipwayException(file + ": " + e.getMessage(), e.fix(), e);
        }
    }

    /** The records in a record file or an array of records; empty for JSON that is no record at all. */
    private static List<DeliveryRecord> records(JsonNode tree, Path file) {
        List<JsonNode> nodes = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            tree.forEach(nodes::add);
        } else if (tree != null && tree.isObject()) {
            nodes.add(tree);
        }
        List<DeliveryRecord> records = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (!node.has("schemaVersion") || !node.has("phases")) {
                return List.of();
            }
            try {
                records.add(DeliveryRecords.fromJson(node.toString()));
            } catch (SlipwayException e) {
                throw new SlipwayException(file + ": " + e.getMessage(), e.fix(), e);
            }
        }
        return records;
    }
}
