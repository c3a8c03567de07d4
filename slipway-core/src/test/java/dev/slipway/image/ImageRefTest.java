package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of the reference grammar: edge cases of the grammar first, then everyday references. */
class ImageRefTest {

    static Stream<Arguments> validReferences() {
        return Stream.of(
                row("nginx", "docker.io", "library/nginx", "", ""),
                row("nginx:1.25", "docker.io", "library/nginx", "1.25", ""),
                row("nginx:latest", "docker.io", "library/nginx", "latest", ""),
                row("library/nginx", "docker.io", "library/nginx", "", ""),
                row("docker.io/nginx", "docker.io", "library/nginx", "", ""),
                row("docker.io/library/nginx:1", "docker.io", "library/nginx", "1", ""),
                row("index.docker.io/library/nginx", "docker.io", "library/nginx", "", ""),
                row("index.docker.io/nginx", "docker.io", "library/nginx", "", ""),
                row("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", ""),
                row("a", "docker.io", "library/a", "", ""),
                row("a/b/c/d/e", "docker.io", "a/b/c/d/e", "", ""),
                row("localhost/app", "localhost", "app", "", ""),
                row("localhost:5000/app", "localhost:5000", "app", "", ""),
                row("localhost:5000/app:v1", "localhost:5000", "app", "v1", ""),
                row("localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "localhost:5000", "team/app", "", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("127.0.0.1:5000/app", "127.0.0.1:5000", "app", "", ""),
                row("127.0.0.1/app:tag", "127.0.0.1", "app", "tag", ""),
                row("10.0.0.255:443/a/b", "10.0.0.255:443", "a/b", "", ""),
                row("[::1]:5000/app", "[::1]:5000", "app", "", ""),
                row("[fe80::1]/app:t", "[fe80::1]", "app", "t", ""),
                row("myregistry.azurecr.io/shop/web", "myregistry.azurecr.io", "shop/web", "", ""),
                row("myregistry.azurecr.io/shop/web:1.2.3", "myregistry.azurecr.io", "shop/web", "1.2.3", ""),
                row("myregistry.azurecr.io/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "myregistry.azurecr.io", "shop/web", "", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("myregistry.azurecr.io/shop/web:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "myregistry.azurecr.io", "shop/web", "1.2.3", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("MyRegistry.AzureCR.io/shop/web", "myregistry.azurecr.io", "shop/web", "", ""),
                row("reg.azurecr.cn/app", "reg.azurecr.cn", "app", "", ""),
                row("reg.azurecr.us/app", "reg.azurecr.us", "app", "", ""),
                row("ghcr.io/org/app:sha-abc123", "ghcr.io", "org/app", "sha-abc123", ""),
                row("quay.io/coreos/etcd:v3.5.0", "quay.io", "coreos/etcd", "v3.5.0", ""),
                row("registry.k8s.io/pause:3.9", "registry.k8s.io", "pause", "3.9", ""),
                row("gcr.io/distroless/static-debian12:nonroot", "gcr.io", "distroless/static-debian12", "nonroot", ""),
                row("my-registry.example.com:8443/a-b/c_d/e.f", "my-registry.example.com:8443", "a-b/c_d/e.f", "", ""),
                row("reg.example/a__b", "reg.example", "a__b", "", ""),
                row("reg.example/a---b", "reg.example", "a---b", "", ""),
                row("reg.example/a.b.c", "reg.example", "a.b.c", "", ""),
                row("reg.example/a_b", "reg.example", "a_b", "", ""),
                row("reg.example/0", "reg.example", "0", "", ""),
                row("reg.example/9a/8b", "reg.example", "9a/8b", "", ""),
                row("xn--bcher-kva.example/app", "xn--bcher-kva.example", "app", "", ""),
                row("a.b.c.d.e/f", "a.b.c.d.e", "f", "", ""),
                row("r.io/app:_tag", "r.io", "app", "_tag", ""),
                row("r.io/app:T", "r.io", "app", "T", ""),
                row("r.io/app:1.0-RC_1", "r.io", "app", "1.0-RC_1", ""),
                row("r.io/app:tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt", "r.io", "app", "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt", ""),
                row("r.io/app:v..1", "r.io", "app", "v..1", ""),
                row("r.io/app:a-", "r.io", "app", "a-", ""),
                row("r.io/app@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "r.io", "app", "", "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("r.io/app:tag@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "r.io", "app", "tag", "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker.io", "library/nginx", "", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("nginx:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker.io", "library/nginx", "1", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                row("Registry.Example.COM/app", "registry.example.com", "app", "", ""),
                row("UPPER/app", "UPPER", "app", "", ""),
                row("host-with-dash.io/app", "host-with-dash.io", "app", "", ""),
                row("1.2.3.4.example/app", "1.2.3.4.example", "app", "", ""),
                row("localhost:1/app", "localhost:1", "app", "", ""),
                row("localhost:65535/app", "localhost:65535", "app", "", ""),
                row("localhost:5000", "docker.io", "library/localhost", "5000", ""),
                row("web", "docker.io", "library/web", "", ""),
                row("webhook", "docker.io", "library/webhook", "", ""),
                row("r.io/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij", "r.io", "abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij", "", ""),
                row("e.x/a/b:c", "e.x", "a/b", "c", ""));
    }

    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                bad("", "empty"),
                bad(" nginx", "whitespace"),
                bad("nginx ", "whitespace"),
                bad("ngi nx", "whitespace"),
                bad("nginx\n", "control character"),
                bad("nginx\t", "control character"),
                bad("ng\u0000inx", "control character"),
                bad("ng\u007finx", "control character"),
                bad("Nginx", "lower-case"),
                bad("NGINX", "lower-case"),
                bad("r.io/Shop/web", "lower-case"),
                bad("r.io/shop/Web:1", "lower-case"),
                bad("r.io//app", "empty component"),
                bad("r.io/app/", "empty component"),
                bad("/app", "empty component"),
                bad("r.io/", "empty component"),
                bad("r.io/a//b", "empty component"),
                bad("app:", "not followed by a tag"),
                bad("r.io/app:", "not followed by a tag"),
                bad("r.io/app:@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "not followed by a tag"),
                bad("r.io/app:-tag", "tag '-tag' is invalid"),
                bad("r.io/app:.tag", "tag '.tag' is invalid"),
                bad("r.io/app:ta/g", "badly separated"),
                bad("r.io/app:t@g", "needs an algorithm"),
                bad("r.io/app:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt", "longer than 128"),
                bad("r.io/app:t+g", "tag 't+g' is invalid"),
                bad("r.io/app:t!", "tag 't!' is invalid"),
                bad("r.io/a..b", "badly separated"),
                bad("r.io/a.-b", "badly separated"),
                bad("r.io/-a", "badly separated"),
                bad("r.io/a-", "badly separated"),
                bad("r.io/_a", "badly separated"),
                bad("r.io/a_", "badly separated"),
                bad("r.io/a___b", "badly separated"),
                bad("r.io/a.", "badly separated"),
                bad("r.io/a+b", "badly separated"),
                bad("r.io/a%b", "badly separated"),
                bad("r.io/a#b", "badly separated"),
                bad("r.io/app@sha256:abc", "has 3"),
                bad("r.io/app@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "lower-case hex"),
                bad("r.io/app@sha256:gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg", "lower-case hex"),
                bad("r.io/app@sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "has 64"),
                bad("r.io/app@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unsupported digest algorithm"),
                bad("r.io/app@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "needs an algorithm"),
                bad("r.io/app@", "digest is empty"),
                bad("r.io/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "more than one '@'"),
                bad("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "repository name is empty"),
                bad(":tag", "repository name is empty"),
                bad("-r.io/app", "not a valid host name"),
                bad("r-.io/app", "not a valid host name"),
                bad("r..io/app", "not a valid host name"),
                bad("r_x.io/app", "not a valid host name"),
                bad("localhost:/app", "not a port number"),
                bad("localhost:0/app", "not a port number"),
                bad("localhost:65536/app", "not a port number"),
                bad("localhost:abc/app", "not a port number"),
                bad("localhost:123456/app", "not a port number"),
                bad("[::1/app", "not a valid IPv6"),
                bad("[zz::1]:5000/app", "not a valid IPv6"),
                bad("r.io/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "at most 255"),
                bad("r.io/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij", "at most 255"),
                bad("r.io/app:tag:tag2", "path component 'app:tag' is badly separated"));
    }

    private static Arguments row(String input, String registry, String repository, String tag, String digest) {
        return Arguments.of(input, registry, repository, tag, digest);
    }

    private static Arguments bad(String input, String problem) {
        return Arguments.of(input, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validReferences")
    void parsesAndNormalisesValidReferences(String input, String registry, String repository, String tag, String digest) {
        ImageRef ref = ImageRef.parse(input);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag().orElse("")).isEqualTo(tag);
        assertThat(ref.digest().map(Digest::toString).orElse("")).isEqualTo(digest);
        assertThat(ImageRef.parse(ref.canonical())).as("canonical form parses to the same reference").isEqualTo(ref);
        assertThat(ImageRef.parse(ref.familiar())).as("familiar form parses to the same reference").isEqualTo(ref);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidReferences")
    void rejectsInvalidReferencesQuotingTheInputAndSayingWhatIsWrong(String input, String problem) {
        assertThatThrownBy(() -> ImageRef.parse("image", input))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageStartingWith("image: '")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidImageReferenceException) e).fix()).isNotBlank())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ImageRef.parse(null)).isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void controlCharactersAreShownEscapedInTheMessage() {
        assertThatThrownBy(() -> ImageRef.parse("web\n"))
                .hasMessageContaining("'web\\u000a'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void equalityIsOnTheCanonicalForm() {
        assertThat(ImageRef.parse("nginx")).isEqualTo(ImageRef.parse("docker.io/library/nginx:latest"));
        assertThat(ImageRef.parse("nginx")).hasSameHashCodeAs(ImageRef.parse("index.docker.io/library/nginx:latest"));
        assertThat(ImageRef.parse("nginx:1")).isNotEqualTo(ImageRef.parse("nginx:2"));
        assertThat(ImageRef.parse("R.IO/app")).isEqualTo(ImageRef.parse("r.io/app"));
        assertThat(ImageRef.parse("nginx").canonical()).isEqualTo("docker.io/library/nginx:latest");
    }

    @Test
    void sameImageMeansSameRegistryAndRepositoryWhateverTheTagOrDigest() {
        ImageRef web = ImageRef.parse("acr.azurecr.io/shop/web:1");
        assertThat(web.sameImageAs(ImageRef.parse("acr.azurecr.io/shop/web:2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))).isTrue();
        assertThat(web.sameImageAs(ImageRef.parse("ACR.azurecr.io/shop/web"))).isTrue();
        assertThat(web.sameImageAs(ImageRef.parse("acr.azurecr.io/shop/webhook:1"))).as("web is not webhook").isFalse();
        assertThat(web.sameImageAs(ImageRef.parse("acr.azurecr.io/shop/we:1"))).isFalse();
        assertThat(web.sameImageAs(ImageRef.parse("other.azurecr.io/shop/web:1"))).as("other registry").isFalse();
        assertThat(web.sameImageAs(ImageRef.parse("acr.azurecr.io/web:1"))).as("other path").isFalse();
        assertThat(ImageRef.parse("nginx").sameImageAs(ImageRef.parse("docker.io/library/nginx:1"))).isTrue();
    }

    @Test
    void withTagAndWithDigestKeepTheName() {
        Digest digest = Digest.parse("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        ImageRef ref = ImageRef.parse("acr.azurecr.io/shop/web:1").withDigest(digest);
        assertThat(ref.reference()).isEqualTo("acr.azurecr.io/shop/web:1@" + digest);
        assertThat(ref.withTag("2").reference()).isEqualTo("acr.azurecr.io/shop/web:2@" + digest);
        assertThat(ref.withoutTag().reference()).isEqualTo("acr.azurecr.io/shop/web@" + digest);
        assertThat(ref.withoutDigest().reference()).isEqualTo("acr.azurecr.io/shop/web:1");
        assertThat(ref.inRepository(ImageRef.parse("prod.azurecr.io/shop/web")).reference())
                .isEqualTo("prod.azurecr.io/shop/web:1@" + digest);
        assertThatThrownBy(() -> ref.withTag("-bad")).isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageStartingWith("tag: ");
    }

    @Test
    void detectsAcrLoginServersInEveryAzureCloud() {
        assertThat(ImageRef.parse("shop.azurecr.io/web").acrCloud()).contains(AzureCloud.AZURE_PUBLIC);
        assertThat(ImageRef.parse("shop.azurecr.cn/web").acrCloud()).contains(AzureCloud.AZURE_CHINA);
        assertThat(ImageRef.parse("shop.azurecr.us/web").acrCloud()).contains(AzureCloud.AZURE_US_GOVERNMENT);
        assertThat(ImageRef.parse("shop-westeurope.azurecr.io:443/web").isAcr()).isTrue();
        assertThat(ImageRef.parse("azurecr.io/web").isAcr()).as("the bare suffix is no login server").isFalse();
        assertThat(ImageRef.parse("shop.azurecr.io.evil.example/web").isAcr()).isFalse();
        assertThat(ImageRef.parse("ghcr.io/shop/web").isAcr()).isFalse();
    }

    @Test
    void familiarFormShortensDockerHubOnly() {
        assertThat(ImageRef.parse("docker.io/library/nginx:1").familiar()).isEqualTo("nginx:1");
        assertThat(ImageRef.parse("docker.io/bitnami/redis").familiar()).isEqualTo("bitnami/redis");
        assertThat(ImageRef.parse("r.io/library/nginx").familiar()).isEqualTo("r.io/library/nginx");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ImageRef ref = ImageRef.parse("acr.azurecr.io/shop/web:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ref);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(ref);
        }
    }
}
