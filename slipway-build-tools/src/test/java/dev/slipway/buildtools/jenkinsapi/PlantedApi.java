package dev.slipway.buildtools.jenkinsapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.ClassNode;

/**
 * Small stand-ins and plugin classes compiled for a test, checked against the real signature files from
 * {@code ../shared/jenkins-api} (system property {@code slipway.jenkinsApiDir}, set by the build).
 */
final class PlantedApi {

    static final String THROW = "{ throw new UnsupportedOperationException(\"stand-in\"); }";

    /** Stand-ins that match the real API, for the members the planted plugin uses. */
    static Map<String, String> conformingStandIns() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("hudson.AbortException", """
                package hudson;
                public class AbortException extends java.io.IOException {
                    public AbortException(String message) %s
                }""".formatted(THROW));
        s.put("hudson.Util", """
                package hudson;
                public class Util {
                    public static String fixNull(String s) %1$s
                    public static boolean isSymlink(java.io.File file) %1$s
                }""".formatted(THROW));
        s.put("org.jenkinsci.plugins.workflow.steps.StepContext", """
                package org.jenkinsci.plugins.workflow.steps;
                public abstract class StepContext implements java.io.Serializable {
                }""");
        s.put("org.jenkinsci.plugins.workflow.steps.StepExecution", """
                package org.jenkinsci.plugins.workflow.steps;
                public abstract class StepExecution implements java.io.Serializable {
                    protected StepExecution(StepContext context) %1$s
                    public StepContext getContext() %1$s
                    public abstract boolean start() throws Exception;
                }""".formatted(THROW));
        s.put("org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution", """
                package org.jenkinsci.plugins.workflow.steps;
                public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
                    protected SynchronousNonBlockingStepExecution(StepContext context) { super(context); %s }
                    protected abstract T run() throws Exception;
                    public final boolean start() %s
                }""".formatted(THROW.substring(1, THROW.length() - 1), THROW));
        s.put("org.jenkinsci.plugins.workflow.steps.Step", """
                package org.jenkinsci.plugins.workflow.steps;
                public abstract class Step {
                    public abstract StepExecution start(StepContext context) throws Exception;
                }""");
        s.put("org.kohsuke.stapler.DataBoundConstructor", """
                package org.kohsuke.stapler;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.CONSTRUCTOR) @Documented
                public @interface DataBoundConstructor {
                }""");
        s.put("org.jenkinsci.Symbol", """
                package org.jenkinsci;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE) @Documented
                public @interface Symbol {
                    String[] value();
                }""");
        return s;
    }

    /** A plugin step that uses the stand-ins above the way the real API allows. */
    static Map<String, String> conformingPlugin() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("io.jenkins.plugins.planted.PlantedStep", """
                package io.jenkins.plugins.planted;
                import hudson.AbortException;
                import hudson.Util;
                import org.jenkinsci.Symbol;
                import org.jenkinsci.plugins.workflow.steps.*;
                import org.kohsuke.stapler.DataBoundConstructor;
                @Symbol("planted")
                public class PlantedStep extends Step {
                    @DataBoundConstructor public PlantedStep() {}
                    @Override public StepExecution start(StepContext context) { return new Execution(context); }
                    static final class Execution extends SynchronousNonBlockingStepExecution<String> {
                        Execution(StepContext context) { super(context); }
                        @Override protected String run() throws Exception {
                            if (getContext() == null || Util.isSymlink(new java.io.File("."))) {
                                throw new AbortException("no context " + Util.fixNull(null));
                            }
                            return new AbortException("inherited from Throwable").getMessage();
                        }
                    }
                }""");
        return p;
    }

    private final Path dir;
    private final Map<String, String> standIns = conformingStandIns();
    private final Map<String, String> plugin = conformingPlugin();
    private String supplement = "";

    PlantedApi(Path dir) {
        this.dir = dir;
    }

    PlantedApi standIn(String className, String source) {
        standIns.put(className, source);
        return this;
    }

    PlantedApi plugin(String className, String source) {
        plugin.put(className, source);
        return this;
    }

    PlantedApi supplement(String text) {
        supplement = text;
        return this;
    }

    static Path apiDir() {
        String configured = System.getProperty("slipway.jenkinsApiDir");
        if (configured == null) {
            throw new IllegalStateException("System property slipway.jenkinsApiDir is not set (the Maven build sets it)");
        }
        return Path.of(configured);
    }

    /** The real API per supplement text: the shared lists are large, so each is parsed once per test run. */
    private static final Map<String, RealApi> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    RealApi realApi() {
        return PARSED.computeIfAbsent(supplement, text -> parse());
    }

    private RealApi parse() {
        try {
            Path supplementFile = Files.writeString(dir.resolve("supplement.txt"), supplement);
            return ConformanceMain.readApi(apiDir(), supplementFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Problem> check() {
        return check(false);
    }

    /** @param itests check as for the *ITests, which may use the test-harness stand-ins */
    List<Problem> check(boolean itests) {
        // One javac run for both sides (javac is the slow part); the plugin is told apart by its package.
        Map<String, String> all = new LinkedHashMap<>(standIns);
        all.putAll(plugin);
        Path classes = InMemoryJavac.compile(dir.resolve("classes"), List.of(), all);
        List<ClassNode> compiled = ClassFiles.read(classes);
        List<ClassNode> pluginClasses = compiled.stream().filter(PlantedApi::isPlugin).toList();
        List<ClassNode> standInClasses = compiled.stream().filter(n -> !isPlugin(n)).toList();
        try (URLClassLoader classpath = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            return new ConformanceCheck(realApi(), pluginClasses, classpath, standInClasses, itests).run();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPlugin(ClassNode node) {
        return node.name.startsWith("io/jenkins/plugins/planted/");
    }

    /** Audits only the given stand-ins (not the simplified ones the plugin checks use). */
    List<Problem> audit(Map<String, String> only) {
        Path standInClasses = InMemoryJavac.compile(dir.resolve("audited"), List.of(), only);
        return new StandInAudit(realApi()).run(ClassFiles.read(standInClasses));
    }
}
