package io.jenkins.plugins.slipway.hpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.buildtools.hpi.HpiPackager.Dependency;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the unpacked .hpi as Jenkins would see it: the plugin jar and bundled jars, with the stand-ins and the
 * library jars where core and the library plugins would be. Nothing from the test classpath leaks in.
 */
class HpiLoadTest {

    @TempDir
    static Path unpacked;

    private static URLClassLoader plugin;
    private static List<String> pluginClassNames;

    @BeforeAll
    static void unpackAndLoad() throws IOException {
        BuiltHpi.unpack(BuiltHpi.hpi(), unpacked);
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> lib = Files.list(unpacked.resolve("WEB-INF/lib"))) {
            for (Path jar : lib.sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        for (Dependency provided : BuiltHpi.providedDependencies()) {
            urls.add(provided.file().toUri().toURL());
        }
        plugin = new URLClassLoader("slipway-plugin", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try (JarFile jar = new JarFile(unpacked.resolve("WEB-INF/lib/slipway.jar").toFile())) {
            pluginClassNames = BuiltHpi.entryNames(jar).stream()
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }

    @AfterAll
    static void close() throws IOException {
        plugin.close();
    }

    @Test
    void everyClassOfThePluginJarLoadsAndLinksWithItsSignatureTypes() throws ClassNotFoundException {
        assertThat(pluginClassNames).hasSizeGreaterThanOrEqualTo(5);
        for (String name : pluginClassNames) {
            Class<?> loaded = Class.forName(name, false, plugin);
            // Reflection links the class (verification) and resolves every type in its member signatures.
            loaded.getDeclaredMethods();
            loaded.getDeclaredFields();
            loaded.getDeclaredConstructors();
            assertThat(loaded.getClassLoader()).as(name).isSameAs(plugin);
        }
    }

    @Test
    void extensionIndexReadWithSezPozListsTheStepDescriptor() throws ClassNotFoundException {
        @SuppressWarnings("unchecked")
        Class<Annotation> extension = (Class<Annotation>) plugin.loadClass("hudson.Extension");
        List<String> classNames = new ArrayList<>();
        List<Object> elements = new ArrayList<>();
        for (IndexItem<Annotation, Object> item : Index.load(extension, Object.class, plugin)) {
            classNames.add(item.className());
            elements.add(readElement(item));
            assertThat(item.annotation().annotationType()).isSameAs(extension);
        }

        assertThat(classNames).containsExactlyInAnyOrder(
                "io.jenkins.plugins.slipway.steps.AcrBuildStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.AcrCopyStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.AksDeployStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.SlipwayVersionStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.WithAcrStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.GitOpsUpdateStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.WaitForSyncStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.steps.WithAksStep$DescriptorImpl",
                "io.jenkins.plugins.slipway.records.EnvironmentsActionFactory",
                "io.jenkins.plugins.slipway.environments.DeliveryEnvironment$DescriptorImpl",
                "io.jenkins.plugins.slipway.environments.SlipwayEnvironments",
                "io.jenkins.plugins.slipway.freestyle.DeliverBuilder$DescriptorImpl");
        for (String step : List.of("AcrBuildStep", "AcrCopyStep", "AksDeployStep", "SlipwayVersionStep", "WithAcrStep",
                "WithAksStep", "GitOpsUpdateStep", "WaitForSyncStep")) {
            assertThat(elements.get(classNames.indexOf("io.jenkins.plugins.slipway.steps." + step + "$DescriptorImpl")))
                    .isInstanceOfSatisfying(Class.class, descriptor -> assertThat(descriptor.getSuperclass().getName())
                            .isEqualTo("org.jenkinsci.plugins.workflow.steps.StepDescriptor"));
        }
        assertThat(elements.get(classNames.indexOf("io.jenkins.plugins.slipway.records.EnvironmentsActionFactory")))
                .isInstanceOfSatisfying(Class.class, factory -> assertThat(factory.getSuperclass().getName())
                        .isEqualTo("jenkins.model.TransientActionFactory"));
    }

    @Test
    void symbolIndexNamesTheDescriptorWhichCarriesItsSymbolAtRuntime() throws Exception {
        URL index = plugin.findResource("META-INF/services/annotations/org.jenkinsci.Symbol");
        assertThat(index).isNotNull();
        String names;
        try (var in = index.openStream()) {
            names = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        @SuppressWarnings("unchecked")
        Class<Annotation> symbol = (Class<Annotation>) plugin.loadClass("org.jenkinsci.Symbol");

        java.util.Map<String, String> expected = java.util.Map.ofEntries(
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.AcrBuildStep$DescriptorImpl", "acrBuild"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.AcrCopyStep$DescriptorImpl", "acrCopy"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.AksDeployStep$DescriptorImpl", "aksDeploy"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.SlipwayVersionStep$DescriptorImpl", "slipwayVersion"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.WithAcrStep$DescriptorImpl", "withAcr"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.GitOpsUpdateStep$DescriptorImpl", "gitopsUpdate"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.WaitForSyncStep$DescriptorImpl", "waitForSync"),
                java.util.Map.entry("io.jenkins.plugins.slipway.steps.WithAksStep$DescriptorImpl", "withAks"),
                java.util.Map.entry("io.jenkins.plugins.slipway.environments.DeliveryEnvironment$DescriptorImpl", "environment"),
                java.util.Map.entry("io.jenkins.plugins.slipway.environments.SlipwayEnvironments", "slipway"),
                java.util.Map.entry("io.jenkins.plugins.slipway.freestyle.DeliverBuilder$DescriptorImpl", "slipwayDeliver"));
        for (String name : names.lines().toList()) {
            Annotation onClass = Class.forName(name, false, plugin).getAnnotation(symbol);
            assertThat(onClass).as(name).isNotNull();
            assertThat((String[]) symbol.getMethod("value").invoke(onClass)).containsExactly(expected.get(name));
        }
        assertThat(names.lines()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    private static Object readElement(IndexItem<Annotation, Object> item) {
        try {
            return item.element(); // the class; instance() would construct it, which only Jenkins can
        } catch (InstantiationException e) {
            throw new IllegalStateException(e);
        }
    }
}
