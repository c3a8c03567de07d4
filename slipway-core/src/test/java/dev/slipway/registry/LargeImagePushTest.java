package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB image (four generated 256 MiB layers) pushed by an engine in its own JVM with {@code -Xmx64m}: blobs
 * must stream from disk. Tagged {@code large} so a quick run can exclude it ({@code -DexcludedGroups=large}).
 */
@Tag("registry")
@Tag("large")
class LargeImagePushTest {
    private static final long LAYER = 256L * 1024 * 1024;

    @RegisterExtension
    static final RegistryServer registry = RegistryServer.noAuth();

    @TempDir
    Path temp;

    @Test
    void aOneGibImageIsPushedWithA64MibHeap() throws Exception {
        TestLayouts.Written image = TestLayouts.image(temp.resolve("big"), 41, LAYER, LAYER, LAYER, LAYER);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargePushMain.class.getName(), image.layout().toString(), registry.hostPort() + "/big/image")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.trim()).startsWith(registry.hostPort() + "/big/image@" + image.digest())
                .endsWith(" " + (4 * LAYER + sizeOfConfig(image)));
    }

    private static long sizeOfConfig(TestLayouts.Written image) throws Exception {
        return java.nio.file.Files.size(image.layout().resolve("blobs/sha256").resolve(image.blobs().get(0).hex()));
    }

}
