package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code docker save} archive (here written by skopeo's docker-archive transport, the same format) becomes an OCI
 * layout that skopeo reads, with the same layer content (diff ids) and a stable digest.
 */
@Tag("real-server")
class DockerArchivesTest {
    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();

    @TempDir
    Path temp;

    @Test
    void aDockerArchiveBecomesAnOciLayoutWithTheSameLayersAndAStableDigest() throws Exception {
        Path tar = temp.resolve("image.tar");
        buildah.skopeo("copy", "oci:" + buildah.baseImageOciLayout() + ":latest", "docker-archive:" + tar + ":localhost/base:1")
                .requireSuccess();
        Path archive = Files.createDirectories(temp.resolve("archive"));
        Process untar = new ProcessBuilder("tar", "-x", "-f", tar.toString(), "-C", archive.toString()).inheritIO().start();
        assertThat(untar.waitFor()).isZero();

        DockerArchives.toOciLayout(archive, temp.resolve("layout"), "1");
        DockerArchives.toOciLayout(archive, temp.resolve("again"), "1");

        OciLayout.Image image = OciLayout.read(temp.resolve("layout"));
        assertThat(OciLayout.read(temp.resolve("again")).digest()).as("same input, same digest").isEqualTo(image.digest());
        ObjectMapper json = new ObjectMapper();
        JsonNode converted = json.readTree(buildah.skopeo("inspect", "--config", "oci:" + temp.resolve("layout") + ":1")
                .requireSuccess().output());
        JsonNode original = json.readTree(buildah.skopeo("inspect", "--config", "oci:" + buildah.baseImageOciLayout() + ":latest")
                .requireSuccess().output());
        assertThat(converted.path("rootfs").path("diff_ids")).isEqualTo(original.path("rootfs").path("diff_ids"));
        assertThat(LayoutContents.manifest(temp.resolve("layout")).path("layers").get(0).path("mediaType").asText())
                .isEqualTo(DockerArchives.LAYER_GZIP);
        Path files = LayoutContents.unpack(temp.resolve("layout"), temp.resolve("files"));
        assertThat(files.resolve("bin/busybox")).isRegularFile();
    }
}
