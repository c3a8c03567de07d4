package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.GitOpsUpdateRequest.Pin;
import dev.slipway.image.ImageRef;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code gitops/golden/} is a case: {@code original/} is updated with the settings in
 * {@code case.properties} and must then equal {@code expected/} byte for byte (a failure prints the differing
 * lines with CR, BOM and a missing final newline made visible). {@code expected/} holds every file, changed or not.
 *
 * <p>case.properties keys: {@code image} (comma-separated for several), {@code pin}, {@code helm.N=files|repositoryKey|tagKey|digestKey|imageKey}
 * (empty parts are absent), {@code flux.<namespace>:<policy>=<image>}, {@code paths=a,b}, {@code changedFields=N}.
 */
class GoldenUpdateTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path golden = goldenRoot();
        try (Stream<Path> list = Files.list(golden)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Path goldenRoot() throws URISyntaxException {
        return Path.of(GoldenUpdateTest.class.getResource("/gitops/golden").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void originalBecomesExpectedByteForByte(String name, @TempDir Path work) throws Exception {
        Path dir = goldenRoot().resolve(name);
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("case.properties"), StandardCharsets.UTF_8)) {
            settings.load(reader);
        }
        GoldenFiles.copyTree(dir.resolve("original"), work);

        UpdateResult result = ManifestUpdater.update(work, spec(settings));

        GoldenFiles.assertSameTree(dir.resolve("expected"), work);
        if (settings.containsKey("changedFields")) {
            assertThat(result.changedFieldCount()).as(result.describe())
                    .isEqualTo(Integer.parseInt(settings.getProperty("changedFields")));
        }
        assertThat(result.upToDate()).isEqualTo(GoldenFiles.files(dir.resolve("original")).stream()
                .allMatch(f -> Arrays.equals(GoldenFiles.read(dir.resolve("original").resolve(f)),
                        GoldenFiles.read(dir.resolve("expected").resolve(f)))));
        // a second run finds nothing left to do
        assertThat(ManifestUpdater.update(work, spec(settings)).upToDate()).isTrue();
    }

    static UpdateSpec spec(Properties settings) {
        List<ImageRef> images = settings.containsKey("image")
                ? Arrays.stream(settings.getProperty("image").split(",")).map(ImageRef::parse).toList() : List.of();
        Pin pin = settings.containsKey("pin") ? UpdateSpec.parsePin("pin", settings.getProperty("pin")) : null;
        List<HelmValues> helm = new ArrayList<>();
        Map<String, String> flux = new LinkedHashMap<>();
        for (String key : settings.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("helm.")) {
                String[] parts = settings.getProperty(key).split("\\|", -1);
                helm.add(new HelmValues(parts[0], part(parts, 1), part(parts, 2), part(parts, 3), part(parts, 4)));
            } else if (key.startsWith("flux.")) {
                flux.put(key.substring(5), settings.getProperty(key));
            }
        }
        List<String> paths = settings.containsKey("paths") ? List.of(settings.getProperty("paths").split(",")) : List.of();
        return new UpdateSpec(images, pin, helm, flux, paths, UpdateSpec.DEFAULT_MAX_FILE_BYTES);
    }

    private static String part(String[] parts, int index) {
        return index < parts.length && !parts[index].isEmpty() ? parts[index] : null;
    }
}
