package dev.slipway.buildtools.hpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.buildtools.hpi.HpiPackager.Dependency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpiPackagerTest {

    @TempDir
    Path dir;

    @Test
    void dependencyListingIsReadWithClassifiersOptionalMarksAndMavensColouredModuleSuffix() throws IOException {
        Path listing = Files.writeString(dir.resolve("deps.txt"), """

                The following files have been resolved:
                   com.example:plain:jar:1.0:compile:/repo/plain-1.0.jar\u001B[36m -- module plain\u001B[0;1;33m (auto)\u001B[m
                   io.netty:netty-native:jar:linux-x86_64:4.1.0:runtime:/repo/netty-native-4.1.0-linux-x86_64.jar
                   com.example:optional:jar:2.0:compile:/repo/optional-2.0.jar (optional)
                   io.jenkins.plugins.slipway:slipway-core:jar:0.1.0-SNAPSHOT:compile:/build/slipway-core/target/classes
                """);

        List<Dependency> dependencies = Dependency.readAll(listing);

        assertThat(dependencies).extracting(Dependency::fileName).containsExactly("plain-1.0.jar",
                "netty-native-4.1.0-linux-x86_64.jar", "optional-2.0.jar", "slipway-core-0.1.0-SNAPSHOT.jar");
        assertThat(dependencies.get(0).file()).isEqualTo(Path.of("/repo/plain-1.0.jar"));
        assertThat(dependencies.get(1).scope()).isEqualTo("runtime");
        assertThat(dependencies.get(2).optional()).isTrue();
        assertThat(dependencies.get(3).file()).isEqualTo(Path.of("/build/slipway-core/target/classes"));
    }

    @Test
    void pluginWithoutIndexJellyIsRefusedWithMavenHpiPluginsAdvice() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        assertThatThrownBy(() -> HpiPackager.pack(classes, List.of(), dir.resolve("webapp"), dir.resolve("x.hpi"),
                "x.jar", HpiPackager.manifest(Map.of("Short-Name", "x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index.jelly")
                .hasMessageContaining("src/main/resources/index.jelly");
    }

    @Test
    void symbolIndexIsNotWrittenWhenNoClassCarriesTheAnnotation() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        assertThat(SymbolIndex.write(classes)).isEmpty();
        assertThat(classes.resolve(SymbolIndex.INDEX)).doesNotExist();
    }
}
