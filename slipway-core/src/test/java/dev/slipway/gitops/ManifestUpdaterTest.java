package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Change;
import dev.slipway.gitops.GitOpsUpdateRequest.Pin;
import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structured result, bad input (refused with file, line and column, nothing written) and the plan/apply split. */
class ManifestUpdaterTest {
    static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final ImageRef IMAGE = ImageRef.parse("myacr.azurecr.io/shop/web:1.4.2@" + DIGEST);
    static final String NEW = IMAGE.reference();
    static final String CANARY = Canary.of("secret");

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: myacr.azurecr.io/shop/web:1.0.0
            """;

    @TempDir
    Path root;

    @Test
    void resultListsFileDocumentFieldOldAndNew() throws IOException {
        write("apps/deploy.yaml", "# leading\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n" + DEPLOYMENT);

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.of(IMAGE));

        assertThat(result.upToDate()).isFalse();
        assertThat(result.schemaVersion()).isEqualTo(EngineMessage.SCHEMA_VERSION);
        assertThat(result.changes()).containsExactly(new Change("apps/deploy.yaml", 1, "spec.template.spec.containers[0].image",
                "myacr.azurecr.io/shop/web:1.0.0", NEW));
        FileUpdate file = result.files().get(0);
        assertThat(file.path()).isEqualTo("apps/deploy.yaml");
        DocumentUpdate document = file.documents().get(0);
        assertThat(document.index()).isEqualTo(1);
        assertThat(document.kind()).isEqualTo("Deployment");
        assertThat(document.name()).isEqualTo("web");
        assertThat(document.fields()).containsExactly(new FieldUpdate("spec.template.spec.containers[0].image",
                FieldUpdate.Target.WORKLOAD_CONTAINER, "myacr.azurecr.io/shop/web:1.0.0", NEW, 17));
        assertThat(result.describe()).isEqualTo("apps/deploy.yaml (Deployment/web) spec.template.spec.containers[0].image: "
                + "myacr.azurecr.io/shop/web:1.0.0 -> " + NEW);
    }

    @Test
    void nothingToChangeIsAlreadyUpToDateAndWritesNothing() throws IOException {
        write("deploy.yaml", DEPLOYMENT.replace("myacr.azurecr.io/shop/web:1.0.0", NEW));
        long before = Files.getLastModifiedTime(root.resolve("deploy.yaml")).toMillis();

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.of(IMAGE));

        assertThat(result.upToDate()).isTrue();
        assertThat(result.describe()).startsWith("already up to date");
        assertThat(Files.getLastModifiedTime(root.resolve("deploy.yaml")).toMillis()).isEqualTo(before);
    }

    @Test
    void planWritesNothingUntilApplied() throws IOException {
        write("deploy.yaml", DEPLOYMENT);

        UpdatePlan plan = ManifestUpdater.plan(root, UpdateSpec.of(IMAGE));

        assertThat(read("deploy.yaml")).isEqualTo(DEPLOYMENT);
        assertThat(new String(plan.updatedContent("deploy.yaml"), StandardCharsets.UTF_8)).contains(NEW);
        plan.apply();
        assertThat(read("deploy.yaml")).isEqualTo(DEPLOYMENT.replace("myacr.azurecr.io/shop/web:1.0.0", NEW));
        assertThat(listing()).containsExactly("deploy.yaml");
    }

    @Test
    void applyRefusesWhenAFileChangedAfterPlanning() throws IOException {
        write("a.yaml", DEPLOYMENT);
        write("b.yaml", DEPLOYMENT);
        UpdatePlan plan = ManifestUpdater.plan(root, UpdateSpec.of(IMAGE));
        write("b.yaml", DEPLOYMENT + "# edited meanwhile\n");

        assertThatThrownBy(plan::apply).isInstanceOf(ManifestException.class).hasMessageContaining("b.yaml")
                .hasMessageContaining("changed on disk");
        assertThat(read("a.yaml")).isEqualTo(DEPLOYMENT);
    }

    @Test
    void yamlThatDoesNotParseNamesFileLineAndColumnAndNothingIsWrittenAnywhere() throws IOException {
        write("a-good.yaml", DEPLOYMENT);
        write("z-broken.yaml", "apiVersion: v1\nkind: Secret\nstringData:\n  token: " + CANARY + "\n   bad: [indent\n");

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.file()).isEqualTo("z-broken.yaml");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("z-broken.yaml:5:").contains("does not parse");
                    assertThat(e.describe()).doesNotContain(CANARY);
                });
        assertThat(read("a-good.yaml")).isEqualTo(DEPLOYMENT);
        assertThat(listing()).containsExactly("a-good.yaml", "z-broken.yaml");
    }

    @Test
    void duplicateKeysAreAParseError() throws IOException {
        write("dup.yaml", DEPLOYMENT + "metadata:\n  name: again\n");

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("dup.yaml:11:1").hasMessageContaining("duplicate");
    }

    @Test
    void helmTemplatesAreSkippedAndReported() throws IOException {
        String template = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                + "      - image: {{ .Values.image.repository }}:{{ .Values.image.tag }}\n";
        write("chart/templates/deploy.yaml", template);
        write("other/broken-template.yaml", "{{- if .Values.enabled }}\nkind: Pod\n{{- end }}\n");
        write("deploy.yaml", DEPLOYMENT);

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.of(IMAGE));

        assertThat(result.files()).extracting(FileUpdate::path).containsExactly("deploy.yaml");
        assertThat(result.notices()).extracting(Notice::path).containsExactly("chart/templates/deploy.yaml", "other/broken-template.yaml");
        assertThat(result.notices()).allSatisfy(n -> assertThat(n.message()).contains("{{ }}"));
        assertThat(read("chart/templates/deploy.yaml")).isEqualTo(template);
    }

    @Test
    void aConfiguredHelmKeyPathThatIsMissingIsRefused() throws IOException {
        write("values.yaml", "image:\n  repository: myacr.azurecr.io/shop/web\n  tag: 1.0.0\n");
        UpdateSpec spec = UpdateSpec.of(IMAGE).withHelm(List.of(HelmValues.separateKeys("values.yaml", "image", true)));

        assertThatThrownBy(() -> ManifestUpdater.update(root, spec)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("values.yaml").hasMessageContaining("'image.digest' (helm.digestKey) is missing");
        assertThat(read("values.yaml")).contains("tag: 1.0.0");
    }

    @Test
    void aHelmFilesGlobThatMatchesNothingIsRefused() throws IOException {
        write("deploy.yaml", DEPLOYMENT);
        UpdateSpec spec = UpdateSpec.of(IMAGE).withHelm(List.of(HelmValues.separateKeys("charts/*/values.yaml", "image", false)));

        assertThatThrownBy(() -> ManifestUpdater.update(root, spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("helm.files").hasMessageContaining("matches no YAML file");
        assertThat(read("deploy.yaml")).isEqualTo(DEPLOYMENT);
    }

    @Test
    void pinDigestWithoutAHelmDigestKeyIsRefused() throws IOException {
        write("values.yaml", "image:\n  repository: myacr.azurecr.io/shop/web\n  tag: 1.0.0\n");
        UpdateSpec spec = UpdateSpec.of(IMAGE).withPin(Pin.DIGEST)
                .withHelm(List.of(HelmValues.separateKeys("values.yaml", "image", false)));

        assertThatThrownBy(() -> ManifestUpdater.update(root, spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pin").hasMessageContaining("digest key");
    }

    @Test
    void pathsOutsideTheRootAreRefused() throws IOException {
        write("deploy.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE).withPaths(List.of("../elsewhere"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the root");
        assertThatThrownBy(() -> UpdateSpec.of(IMAGE).withPaths(List.of("/etc")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("paths");
        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE).withPaths(List.of("missing"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void symbolicLinksLeavingTheRootAreRefusedAndInsideOnesSkipped(@TempDir Path outside) throws IOException {
        Path repo = root.resolve("repo");
        Files.createDirectories(repo.resolve("apps"));
        Files.writeString(repo.resolve("apps/deploy.yaml"), DEPLOYMENT);
        Files.createSymbolicLink(repo.resolve("apps/alias.yaml"), repo.resolve("apps/deploy.yaml"));
        Files.writeString(outside.resolve("secret.yaml"), DEPLOYMENT);

        UpdateResult inside = ManifestUpdater.plan(repo, UpdateSpec.of(IMAGE)).result();
        assertThat(inside.files()).extracting(FileUpdate::path).containsExactly("apps/deploy.yaml");
        assertThat(inside.notices()).extracting(Notice::path).containsExactly("apps/alias.yaml");

        Files.createSymbolicLink(repo.resolve("apps/escape.yaml"), outside.resolve("secret.yaml"));
        assertThatThrownBy(() -> ManifestUpdater.update(repo, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("apps/escape.yaml").hasMessageContaining("outside the root");
        Files.delete(repo.resolve("apps/escape.yaml"));

        Files.createSymbolicLink(repo.resolve("linked-dir"), outside);
        assertThatThrownBy(() -> ManifestUpdater.update(repo, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("linked-dir");
        assertThatThrownBy(() -> ManifestUpdater.update(repo, UpdateSpec.of(IMAGE).withPaths(List.of("linked-dir"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(outside.resolve("secret.yaml"))).isEqualTo(DEPLOYMENT);
        assertThat(Files.readString(repo.resolve("apps/deploy.yaml"))).isEqualTo(DEPLOYMENT);
    }

    @Test
    void filesOverTheSizeBoundAreRefused() throws IOException {
        write("big.yaml", DEPLOYMENT + "# " + "x".repeat(2000) + "\n");

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE).withMaxFileBytes(1024)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("big.yaml").hasMessageContaining("over the bound of 1024")
                .satisfies(e -> assertThat(((ManifestException) e).fix()).contains("maxFileBytes"));
    }

    @Test
    void nonUtf8FilesAreRefusedWithTheReason() throws IOException {
        byte[] latin1 = "apiVersion: v1\nkind: ConfigMap\ndata:\n  city: Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(root.resolve("latin1.yaml"), latin1);

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("latin1.yaml")
                .hasMessageContaining("not valid UTF-8 (byte offset 46)");

        Files.delete(root.resolve("latin1.yaml"));
        Files.write(root.resolve("utf16.yaml"), "kind: Pod\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("UTF-16");
    }

    @Test
    void anImageInABlockScalarIsRefusedNotGuessed() throws IOException {
        write("deploy.yaml", DEPLOYMENT.replace("image: myacr.azurecr.io/shop/web:1.0.0", "image: >-\n          myacr.azurecr.io/shop/web:1.0.0"));

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("deploy.yaml:10")
                .hasMessageContaining("block scalar");
    }

    @Test
    void aPlainImageSpanningLinesIsRefused() throws IOException {
        write("deploy.yaml", DEPLOYMENT.replace("image: myacr.azurecr.io/shop/web:1.0.0", "image: \"myacr.azurecr.io/shop/web:\\\n          1.0.0\""));

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("spans more than one line");
    }

    @Test
    void anAnchoredImageAliasedIntoAnotherFieldIsRefused() throws IOException {
        String aliased = DEPLOYMENT.replace("image: myacr.azurecr.io/shop/web:1.0.0", "image: &img myacr.azurecr.io/shop/web:1.0.0")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: *img\n";
        write("deploy.yaml", "x: 1\n" + aliased.replace("---\n", "").replace("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n", "  annotations:\n    copy: *img\n").replace("x: 1\n", ""));

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("refusing to write")
                .hasMessageContaining("not an image field");
        assertThat(read("deploy.yaml")).contains("&img myacr.azurecr.io/shop/web:1.0.0");
    }

    @Test
    void removingAKustomizeDigestThatIsNotOnItsOwnLineIsRefused() throws IOException {
        write("kustomization.yaml", "images:\n- digest: sha256:" + "0".repeat(64) + "\n  name: myacr.azurecr.io/shop/web\n  newTag: 1.0.0\n");

        assertThatThrownBy(() -> ManifestUpdater.update(root, UpdateSpec.of(IMAGE).withPin(Pin.TAG)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("images[0].digest")
                .hasMessageContaining("first of its mapping");
    }

    @Test
    void textThatOnlyMentionsTheImageIsNeverChanged() throws IOException {
        String mentions = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web # myacr.azurecr.io/shop/web:1.0.0\n"
                + "data:\n  image: myacr.azurecr.io/shop/web:1.0.0\n  containers: '[{\"image\": \"myacr.azurecr.io/shop/web:1.0.0\"}]'\n";
        write("cm.yaml", mentions);
        write("README.md", "Run myacr.azurecr.io/shop/web:1.0.0\n");
        write("notes.txt", "image: myacr.azurecr.io/shop/web:1.0.0\n");

        assertThat(ManifestUpdater.update(root, UpdateSpec.of(IMAGE)).upToDate()).isTrue();
        assertThat(read("cm.yaml")).isEqualTo(mentions);
        assertThat(read("README.md")).isEqualTo("Run myacr.azurecr.io/shop/web:1.0.0\n");
    }

    @Test
    void fluxMarkersForPoliciesNotGivenAreReportedAndLeftAlone() throws IOException {
        String marked = DEPLOYMENT.replace("web:1.0.0", "web:1.0.0 # {\"$imagepolicy\": \"flux-system:web\"}");
        write("deploy.yaml", marked);

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.of(IMAGE));

        assertThat(result.upToDate()).isTrue();
        assertThat(result.notices()).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(10);
            assertThat(n.message()).contains("flux-system:web").contains("not given");
        });
        assertThat(read("deploy.yaml")).isEqualTo(marked);
    }

    @Test
    void aFluxDigestMarkerWithoutADigestInThePolicyIsLeftAloneAndReported() throws IOException {
        String marked = "images:\n- name: web\n  digest: sha256:1 # {\"$imagepolicy\": \"ns:web:digest\"}\n  newTag: v1 # {\"$imagepolicy\": \"ns:web:tag\"}\n";
        write("kustomization.yaml", marked);

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.fluxMarkers(Map.of("ns:web", "web:v2")));

        assertThat(read("kustomization.yaml")).isEqualTo(marked.replace("newTag: v1", "newTag: v2"));
        assertThat(result.notices()).singleElement().satisfies(n -> assertThat(n.message()).contains("has no digest"));
    }

    @Test
    void numericLookingTagsAreQuotedWhenWrittenPlain() throws IOException {
        write("kustomization.yaml", "images:\n- name: myacr.azurecr.io/shop/web\n  newTag: v1\n");

        ManifestUpdater.update(root, UpdateSpec.of(ImageRef.parse("myacr.azurecr.io/shop/web:1.10")));

        assertThat(read("kustomization.yaml")).isEqualTo("images:\n- name: myacr.azurecr.io/shop/web\n  newTag: \"1.10\"\n");
    }

    @Test
    void specRejectsImagesWithNothingToWriteAndPinsThatCannotBeMet() {
        assertThatThrownBy(() -> UpdateSpec.of(ImageRef.parse("myacr.azurecr.io/shop/web")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("neither a tag nor a digest");
        assertThatThrownBy(() -> UpdateSpec.of(ImageRef.parse("myacr.azurecr.io/shop/web:1")).withPin(Pin.DIGEST))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a digest");
        assertThatThrownBy(() -> UpdateSpec.parsePin("pin", "sha")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a pin")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).startsWith("use one of: tag, digest, both"));
        assertThat(UpdateSpec.parsePin("pin", " Digest ")).isEqualTo(Pin.DIGEST);
        assertThatThrownBy(() -> UpdateSpec.of(IMAGE, ImageRef.parse("myacr.azurecr.io/shop/web:2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> UpdateSpec.fluxMarkers(Map.of("no-namespace", "web:1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("<namespace>:<policy>");
        assertThatThrownBy(() -> new HelmValues("values.yaml", "image.repository", null, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tagKey");
        assertThatThrownBy(() -> ManifestUpdater.update(root.resolve("nope"), UpdateSpec.of(IMAGE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a directory");
    }

    @Test
    void specAndResultSurviveJavaSerialization() throws Exception {
        write("deploy.yaml", DEPLOYMENT);
        UpdateSpec spec = UpdateSpec.of(IMAGE).withPin(Pin.BOTH)
                .withHelm(List.of(HelmValues.wholeReference("values.yaml", "image")))
                .withFluxPolicies(Map.of("flux-system:web", NEW));
        UpdateResult result = ManifestUpdater.plan(root, UpdateSpec.of(IMAGE)).result();

        assertThat(roundTrip(spec)).isEqualTo(spec);
        assertThat(roundTrip(result)).isEqualTo(result);
    }

    @Test
    void aGitOpsRequestBecomesASpecWithItsPathHelmKeysAndPolicies() {
        GitOpsUpdateRequest request = new GitOpsUpdateRequest("https://git.example/gitops.git", "main", "apps/shop",
                List.of(IMAGE), Pin.TAG, Map.of("repository", "image.repository", "tag", "image.tag"),
                Map.of("flux-system:web", IMAGE.reference()), new GitOpsUpdateRequest.GitAuth.None(), null, null, null, false, null);

        UpdateSpec spec = UpdateSpec.fromRequest(request);

        assertThat(spec.images()).containsExactly(IMAGE);
        assertThat(spec.pin()).isEqualTo(Pin.TAG);
        assertThat(spec.paths()).containsExactly("apps/shop");
        assertThat(spec.helm()).containsExactly(new HelmValues("**/values*.yaml", "image.repository", "image.tag", null, null));
        assertThat(spec.fluxPolicies()).containsExactly(Map.entry("flux-system:web", NEW));
    }

    @Test
    void theWorkTreeUpdateForTheCommitterReturnsChangesRelativeToTheRepository() throws IOException {
        write("apps/shop/deploy.yaml", DEPLOYMENT);
        write("apps/other/deploy.yaml", DEPLOYMENT);

        List<Change> changes = ManifestUpdater.forWorkTree(UpdateSpec.of(IMAGE).withPaths(List.of("apps/shop")), Events.silent())
                .apply(root);

        assertThat(changes).extracting(Change::location).containsExactly("apps/shop/deploy.yaml");
        assertThat(read("apps/other/deploy.yaml")).isEqualTo(DEPLOYMENT);
        assertThat(ManifestUpdater.forWorkTree(UpdateSpec.of(IMAGE), Events.silent()).apply(root)).hasSize(1);
    }

    @Test
    void resultsAndErrorsNeverCarryFileContentSuchAsSecrets() throws IOException {
        write("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: " + CANARY + "\n");
        write("deploy.yaml", DEPLOYMENT);

        UpdateResult result = ManifestUpdater.update(root, UpdateSpec.of(IMAGE));

        assertThat(result.describe()).doesNotContain(CANARY);
        assertThat(result.toString()).doesNotContain(CANARY);
        assertThat(read("secret.yaml")).contains(CANARY);
    }

    @Test
    void eventsReportEachChangedFieldAndEachSkippedFile() throws IOException {
        write("deploy.yaml", DEPLOYMENT);
        write("chart/templates/x.yaml", "image: {{ .Values.image }}\n");
        List<Event> seen = new java.util.ArrayList<>();
        Events events = Events.silent().subscribe(seen::add);

        ManifestUpdater.update(root, UpdateSpec.of(IMAGE), events);

        assertThat(seen).extracting(Event::kind, Event::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Event.Kind.INFO, "deploy.yaml"),
                org.assertj.core.groups.Tuple.tuple(Event.Kind.WARNING, "chart/templates/x.yaml"),
                org.assertj.core.groups.Tuple.tuple(Event.Kind.FINISHED, "manifests"));
        assertThat(seen.get(0).message()).isEqualTo("Deployment/web spec.template.spec.containers[0].image: "
                + "myacr.azurecr.io/shop/web:1.0.0 -> " + NEW);
        assertThat(seen).allSatisfy(e -> assertThat(e.phase()).isEqualTo(Event.Phase.UPDATE));
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative));
    }

    private List<String> listing() {
        return List.copyOf(GoldenFiles.files(root));
    }
}
