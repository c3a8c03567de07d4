package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Events;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Copy by digest within one real registry (mount) and between two (streamed), single images and indexes. */
@Tag("registry")
class CopyTest {
    @RegisterExtension
    static final RegistryServer dev = RegistryServer.noAuth();
    @RegisterExtension
    static final RegistryServer prod = RegistryServer.token();

    @TempDir
    Path workspace;

    private Engine engine;
    private RegistryTransport transport;

    @BeforeEach
    void setUp() {
        engine = new Engine(new EngineContext(workspace, Events.silent()));
        transport = RegistryTransport.defaults().withPlainHttp(dev.hostPort(), prod.hostPort());
    }

    private ImageRef pushToDev(String repository, TestLayouts.Written image) {
        return engine.push(new PushRequest(workspace.relativize(image.layout()).toString(),
                ImageRef.parse(dev.hostPort() + "/" + repository), List.of("build-1"), new RegistryAuth.Anonymous(), transport)).image();
    }

    private RegistryAuth prodAuth() {
        Credentials user = prod.credentials().orElseThrow();
        return new RegistryAuth.Basic(user.username(), Secret.of(user.password()));
    }

    @Test
    void withinARegistryBlobsAreMountedAndTheDigestIsKept() {
        ImageRef source = pushToDev("shop/web", TestLayouts.image(workspace.resolve("a"), 31, 40_000, 2_000));

        CopyResult result = engine.copy(new CopyRequest(source, ImageRef.parse(dev.hostPort() + "/release/web"), List.of("1.0"),
                new RegistryAuth.Anonymous(), new RegistryAuth.Anonymous(), transport));

        assertThat(result.image().digest()).isEqualTo(source.digest());
        assertThat(result.blobsMounted()).isEqualTo(3);
        assertThat(result.blobsCopied()).isZero();
        assertThat(result.tags()).containsExactly("1.0");
    }

    @Test
    void betweenRegistriesBlobsAreStreamedAndACopyAgainSendsNothing() {
        ImageRef source = pushToDev("shop/api", TestLayouts.image(workspace.resolve("b"), 32, 300_000));
        CopyRequest request = new CopyRequest(source, ImageRef.parse(prod.hostPort() + "/shop/api"), List.of("prod"),
                new RegistryAuth.Anonymous(), prodAuth(), transport);

        CopyResult first = engine.copy(request);
        CopyResult again = engine.copy(request);

        assertThat(first.image().reference()).isEqualTo(prod.hostPort() + "/shop/api@" + source.digest().orElseThrow());
        assertThat(first.blobsCopied()).isEqualTo(2);
        assertThat(again.blobsCopied()).isZero();
        assertThat(again.blobsSkipped()).isEqualTo(2);
    }

    @Test
    void anIndexIsCopiedWithItsImages() {
        TestLayouts.Written index = TestLayouts.index(workspace.resolve("c"), 33);
        ImageRef source = pushToDev("shop/multi", index);

        CopyResult result = engine.copy(new CopyRequest(source.withoutDigest().withTag("build-1"),
                ImageRef.parse(prod.hostPort() + "/shop/multi"), List.of("2.0"), new RegistryAuth.Anonymous(), prodAuth(), transport));

        assertThat(result.image().digest()).contains(index.digest());
        assertThat(result.blobsCopied()).isEqualTo(6); // two images of a config and two layers each
    }

    @Test
    void aMissingSourceImageFailsNamingIt() {
        ImageRef missing = ImageRef.parse(dev.hostPort() + "/shop/none@sha256:" + "0".repeat(64));
        assertThatThrownBy(() -> engine.copy(new CopyRequest(missing, ImageRef.parse(prod.hostPort() + "/x"), List.of(),
                new RegistryAuth.Anonymous(), prodAuth(), transport)))
                .isInstanceOf(RegistryException.class).hasMessageContaining("shop/none").hasMessageContaining("does not exist");
    }
}
