package io.jenkins.plugins.slipway.hpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.buildtools.hpi.HpiPackager.Dependency;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** slipway.hpi is laid out as maven-hpi-plugin lays out a plugin (NOTES.md section 8), item by item. */
class HpiLayoutTest {

    /** Library plugins and the versions the plugin needs (NOTES.md baseline; kubernetes-client-api's own pins). */
    private static final Map<String, String> PLUGIN_DEPENDENCIES = new LinkedHashMap<>();

    static {
        PLUGIN_DEPENDENCIES.put("workflow-step-api", "710.v3e456cc85233");
        PLUGIN_DEPENDENCIES.put("credentials", "1502.v5c95e620ddfe");
        PLUGIN_DEPENDENCIES.put("plain-credentials", "199.v9f8e1f741799");
        PLUGIN_DEPENDENCIES.put("ssh-credentials", "361.vb_f6760818e8c");
        PLUGIN_DEPENDENCIES.put("azure-credentials", "426.v5627e6a_4c7a_7");
        PLUGIN_DEPENDENCIES.put("azure-sdk", "284.vb_4128d6c7561");
        PLUGIN_DEPENDENCIES.put("kubernetes-client-api", "7.3.1-256.v788a_0b_787114");
        PLUGIN_DEPENDENCIES.put("git-client", "6.6.1");
        PLUGIN_DEPENDENCIES.put("jackson2-api", "2.19.0-404.vb_b_0fd2fea_e10");
        PLUGIN_DEPENDENCIES.put("okhttp-api", "4.11.0-189.v976fa_d3379d6");
    }

    /** Group ids of what Jenkins' library plugins and core provide (DESIGN.md table): never bundled. */
    private static final List<String> PROVIDED_BY_JENKINS = List.of("io.fabric8", "com.squareup.okhttp3",
            "com.squareup.okio", "org.jetbrains.kotlin", "org.snakeyaml", "com.fasterxml.jackson", "org.eclipse.jgit",
            "com.azure", "com.microsoft.azure", "net.java.dev.jna", "io.netty", "io.projectreactor", "org.slf4j",
            "org.apache.sshd", "com.google.guava", "net.java.sezpoz", "io.jenkins.plugins.slipway:jenkins-api-standins");

    private static final String PLUGIN_JAR = "WEB-INF/lib/slipway.jar";

    @TempDir
    static Path unpacked;

    private static List<String> hpiEntries;
    private static Attributes hpiManifest;
    private static JarFile pluginJar;

    @BeforeAll
    static void open() throws IOException {
        try (JarFile hpi = new JarFile(BuiltHpi.hpi().toFile())) {
            hpiEntries = BuiltHpi.entryNames(hpi);
            hpiManifest = hpi.getManifest().getMainAttributes();
        }
        BuiltHpi.unpack(BuiltHpi.hpi(), unpacked);
        pluginJar = new JarFile(unpacked.resolve(PLUGIN_JAR).toFile());
    }

    @Test
    void hpiHoldsTheManifestThePluginJarAndTheBundledJarsOnly() {
        List<String> expected = new ArrayList<>(List.of("META-INF/MANIFEST.MF", "WEB-INF/", "WEB-INF/lib/", PLUGIN_JAR));
        BuiltHpi.bundledDependencies().forEach(d -> expected.add("WEB-INF/lib/" + d.fileName()));

        assertThat(hpiEntries).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hpiEntries).noneMatch(name -> name.startsWith("WEB-INF/classes"))
                .noneMatch(name -> name.endsWith(".class"));
    }

    @Test
    void bundledJarsAreTheEngineAndNothingThatJenkinsLibraryPluginsProvide() {
        List<Dependency> bundled = BuiltHpi.bundledDependencies();

        assertThat(bundled).extracting(Dependency::artifactId).contains("slipway-core");
        assertThat(bundled).allSatisfy(d -> assertThat(PROVIDED_BY_JENKINS)
                .noneMatch(provided -> (d.groupId() + ":" + d.artifactId()).startsWith(provided)));
        assertThat(BuiltHpi.providedDependencies()).extracting(Dependency::artifactId)
                .contains("jenkins-api-standins", "kubernetes-client-api", "org.eclipse.jgit", "azure-identity");
    }

    @Test
    void pluginJarHoldsClassesIndexJellyAndBothAnnotationIndexes() throws IOException {
        assertThat(BuiltHpi.entryNames(pluginJar)).contains(
                "index.jelly",
                "META-INF/annotations/hudson.Extension",
                "META-INF/services/annotations/org.jenkinsci.Symbol",
                "io/jenkins/plugins/slipway/SlipwayVersion.class",
                "io/jenkins/plugins/slipway/slipway-version.properties",
                "io/jenkins/plugins/slipway/steps/SlipwayVersionStep.class",
                "io/jenkins/plugins/slipway/steps/SlipwayVersionStep$DescriptorImpl.class",
                "io/jenkins/plugins/slipway/steps/SlipwayVersionStep/help.html");
        assertThat(read("META-INF/services/annotations/org.jenkinsci.Symbol"))
                .isEqualTo("io.jenkins.plugins.slipway.environments.DeliveryEnvironment$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.environments.SlipwayEnvironments\n"
                        + "io.jenkins.plugins.slipway.freestyle.DeliverBuilder$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.AcrBuildStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.AcrCopyStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.AksDeployStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.GitOpsUpdateStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.SlipwayVersionStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.WaitForSyncStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.WithAcrStep$DescriptorImpl\n"
                        + "io.jenkins.plugins.slipway.steps.WithAksStep$DescriptorImpl\n");
        assertThat(read("index.jelly")).startsWith("<?jelly escape-by-default='true'?>").contains("<div>");
    }

    @Test
    void classesAreCompiledWithParameterNames() throws IOException {
        ClassNode step = new ClassNode();
        try (InputStream in = pluginJar.getInputStream(
                pluginJar.getEntry("io/jenkins/plugins/slipway/steps/SlipwayVersionStep.class"))) {
            new ClassReader(in).accept(step, 0);
        }
        MethodNode start = step.methods.stream().filter(m -> m.name.equals("start")).findFirst().orElseThrow();

        assertThat(start.parameters).as("MethodParameters attribute (javac -parameters)").isNotNull()
                .extracting(p -> p.name).containsExactly("context");
    }

    @Test
    void manifestNamesThePluginItsJenkinsAndItsLibraryPlugins() {
        assertThat(hpiManifest.getValue("Short-Name")).isEqualTo("slipway");
        assertThat(hpiManifest.getValue("Long-Name")).isEqualTo("Slipway");
        assertThat(hpiManifest.getValue("Group-Id")).isEqualTo("io.jenkins.plugins.slipway");
        assertThat(hpiManifest.getValue("Artifact-Id")).isEqualTo("slipway");
        assertThat(hpiManifest.getValue("Plugin-Version")).startsWith(BuiltHpi.property("slipway.projectVersion"));
        assertThat(hpiManifest.getValue("Jenkins-Version")).isEqualTo("2.568.2");
        assertThat(hpiManifest.getValue("Hudson-Version")).isEqualTo("2.568.2");
        assertThat(hpiManifest.getValue("Url")).isEqualTo("https://github.com/jenkinsci/slipway-plugin");
        assertThat(hpiManifest.getValue("Plugin-License-Name")).isEqualTo("MIT License");
        assertThat(hpiManifest.getValue("Plugin-License-Url")).isEqualTo("https://opensource.org/license/mit/");
        assertThat(hpiManifest.getValue("Plugin-Class")).as("no hudson.Plugin subclass").isNull();

        Map<String, String> dependencies = new LinkedHashMap<>();
        for (String entry : hpiManifest.getValue("Plugin-Dependencies").split(",")) {
            String[] nameAndVersion = entry.split(":", 2);
            dependencies.put(nameAndVersion[0], nameAndVersion[1]);
        }
        assertThat(dependencies).containsExactlyEntriesOf(PLUGIN_DEPENDENCIES);
    }

    @Test
    void realJenkinsBuildDependsOnTheSameLibraryPluginVersionsAndJenkins() throws IOException {
        String jenkinsPom = Files.readString(Path.of("../slipway-plugin-jenkins/pom.xml"), StandardCharsets.UTF_8);

        PLUGIN_DEPENDENCIES.forEach((shortName, version) -> assertThat(jenkinsPom).as(shortName)
                .contains("<" + shortName + "-plugin.version>" + version + "</" + shortName + "-plugin.version>")
                .contains("<artifactId>" + shortName + "</artifactId>\n      <version>${" + shortName
                        + "-plugin.version}</version>"));
        assertThat(jenkinsPom).contains("<jenkins.baseline>2.568</jenkins.baseline>",
                "<jenkins.version>${jenkins.baseline}.2</jenkins.version>");
    }

    @Test
    void pluginJarCarriesTheSameManifestAsTheHpi() throws IOException {
        assertThat(pluginJar.getManifest().getMainAttributes()).isEqualTo(hpiManifest);
    }

    @Test
    void snapshotPluginVersionCarriesThePrivateSuffixAsMavenHpiPluginWritesIt() {
        String version = BuiltHpi.property("slipway.projectVersion");
        if (version.endsWith("-SNAPSHOT")) {
            assertThat(hpiManifest.getValue("Plugin-Version")).matches(
                    java.util.regex.Pattern.quote(version) + " \\(private-.+-.+\\)");
        } else {
            assertThat(hpiManifest.getValue("Plugin-Version")).isEqualTo(version);
        }
    }

    private static String read(String entry) throws IOException {
        try (InputStream in = pluginJar.getInputStream(pluginJar.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
