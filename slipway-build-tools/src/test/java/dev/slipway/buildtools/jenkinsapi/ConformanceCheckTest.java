package dev.slipway.buildtools.jenkinsapi;

import static dev.slipway.buildtools.jenkinsapi.PlantedApi.THROW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.buildtools.jenkinsapi.Problem.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test plants one kind of divergence between stand-ins and the real API and sees the check report it. */
class ConformanceCheckTest {

    private static final String STEP = "io.jenkins.plugins.planted.PlantedStep";
    private static final String USER = "io.jenkins.plugins.planted.User";

    @TempDir
    Path dir;

    @Test
    void conformingPluginHasNoProblemsIncludingMembersOnlyInTheFullListAndInheritedFromTheJdk() {
        assertThat(new PlantedApi(dir).check()).isEmpty();
    }

    @Test
    void callToAMethodTheRealClassLacksIsReportedWithClassAndMember() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.Util", utilWith("public static String plantedHelper(String s) " + THROW))
                .plugin(USER, user("return hudson.Util.plantedHelper(\"x\");"))
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MISSING_MEMBER);
            assertThat(p.toString()).contains(USER + "#use()", "hudson.Util#plantedHelper(java.lang.String)");
        });
    }

    @Test
    void memberMissingFromBothListsIsAcceptedOnceTheSupplementListsIt() {
        PlantedApi planted = new PlantedApi(dir)
                .standIn("hudson.Util", utilWith("public static String plantedHelper(String s) " + THROW))
                .plugin(USER, user("return hudson.Util.plantedHelper(\"x\");"))
                .supplement("""
                        # source: jenkinsci/jenkins core/src/main/java/hudson/Util.java <commit> (planted for a test)
                        METHOD hudson.Util#plantedHelper(java.lang.String) java.lang.String static
                        """);

        assertThat(planted.check()).isEmpty();
    }

    @Test
    void referenceToAClassTheRealApiLacksIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.model.PlantedType", "package hudson.model; public class PlantedType {}")
                .plugin(USER, user("return new hudson.model.PlantedType().toString();"))
                .check();

        assertThat(problems).extracting(Problem::kind).containsOnly(Kind.MISSING_CLASS);
        assertThat(problems).first().hasToString(
                "MISSING_CLASS in " + USER + "#use(): hudson.model.PlantedType - no such class in the real API"
                        + " (signatures.txt, signatures-full.txt, supplement.txt)");
    }

    @Test
    void pluginCodeUsingATestHarnessStandInIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.jvnet.hudson.test.JenkinsRule", "package org.jvnet.hudson.test; public class JenkinsRule {}")
                .plugin(USER, user("return String.valueOf(new org.jvnet.hudson.test.JenkinsRule());"))
                .check();

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("MISSING_CLASS", USER + "#use()", "org.jvnet.hudson.test.JenkinsRule", "only the *ITests"));
    }

    @Test
    void itestCallToAHarnessMemberTheSupplementDoesNotListIsReported() {
        PlantedApi planted = new PlantedApi(dir)
                .standIn("org.jvnet.hudson.test.JenkinsRule", """
                        package org.jvnet.hudson.test;
                        public class JenkinsRule {
                            public void assertLogContains(String s, Object run) %s
                            public void plantedHelper() %s
                        }""".formatted(THROW, THROW))
                .plugin(USER, """
                        package io.jenkins.plugins.planted;
                        public class User {
                            void use(org.jvnet.hudson.test.JenkinsRule j) { j.assertLogContains("x", null); j.plantedHelper(); }
                        }""")
                .supplement("""
                        # source: jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java (test)
                        CLASS org.jvnet.hudson.test.JenkinsRule
                        METHOD org.jvnet.hudson.test.JenkinsRule#assertLogContains(java.lang.String,java.lang.Object) void
                        """);

        assertThat(planted.check(true)).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("MISSING_MEMBER", USER + "#use(org.jvnet.hudson.test.JenkinsRule)",
                        "org.jvnet.hudson.test.JenkinsRule#plantedHelper()"));
    }

    @Test
    void differentReturnTypeIsReportedWithTheRealOne() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.Util", utilWith("public static Object fixEmpty(String s) " + THROW))
                .plugin(USER, user("return String.valueOf(hudson.Util.fixEmpty(\"\"));"))
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MISSING_MEMBER);
            assertThat(p.detail()).contains("the real method returns java.lang.String");
        });
    }

    @Test
    void instanceCallToARealStaticMethodIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.Util", utilWith("public String fixEmpty(String s) " + THROW))
                .plugin(USER, """
                        package io.jenkins.plugins.planted;
                        public class User {
                            public String use(hudson.Util util) { return util.fixEmpty(""); }
                        }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.INCOMPATIBLE_CHANGE);
            assertThat(p.detail()).contains("the real method is static");
        });
    }

    @Test
    void overrideOfAStandInMethodWithNoRealCounterpartIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.jenkinsci.plugins.workflow.steps.Step", """
                        package org.jenkinsci.plugins.workflow.steps;
                        public abstract class Step {
                            public abstract StepExecution start(StepContext context) throws Exception;
                            public String plantedHook() %s
                        }""".formatted(THROW))
                .plugin("io.jenkins.plugins.planted.HookStep", """
                        package io.jenkins.plugins.planted;
                        import org.jenkinsci.plugins.workflow.steps.*;
                        public class HookStep extends Step {
                            @Override public StepExecution start(StepContext context) { return null; }
                            @Override public String plantedHook() { return "never called in Jenkins"; }
                        }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.OVERRIDE_WITHOUT_REAL_METHOD);
            assertThat(p.where()).isEqualTo("io.jenkins.plugins.planted.HookStep#plantedHook()");
        });
    }

    @Test
    void realAbstractMethodLeftUnimplementedIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.jenkinsci.plugins.workflow.steps.Step", """
                        package org.jenkinsci.plugins.workflow.steps;
                        public abstract class Step {
                            public StepExecution start(StepContext context) %s
                        }""".formatted(THROW))
                .plugin("io.jenkins.plugins.planted.LazyStep", """
                        package io.jenkins.plugins.planted;
                        public class LazyStep extends org.jenkinsci.plugins.workflow.steps.Step {
                        }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ABSTRACT_NOT_IMPLEMENTED);
            assertThat(p.apiPart()).isEqualTo("org.jenkinsci.plugins.workflow.steps.Step#start("
                    + "org.jenkinsci.plugins.workflow.steps.StepContext) org.jenkinsci.plugins.workflow.steps.StepExecution");
        });
    }

    @Test
    void overrideOfARealFinalMethodIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution", """
                        package org.jenkinsci.plugins.workflow.steps;
                        public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
                            protected SynchronousNonBlockingStepExecution(StepContext context) { super(context); }
                            protected abstract T run() throws Exception;
                            public boolean start() %s
                        }""".formatted(THROW))
                .plugin("io.jenkins.plugins.planted.EagerExecution", """
                        package io.jenkins.plugins.planted;
                        import org.jenkinsci.plugins.workflow.steps.*;
                        class EagerExecution extends SynchronousNonBlockingStepExecution<String> {
                            EagerExecution(StepContext context) { super(context); }
                            @Override protected String run() { return ""; }
                            @Override public boolean start() { return true; }
                        }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FINAL_OVERRIDDEN);
            assertThat(p.where()).isEqualTo("io.jenkins.plugins.planted.EagerExecution#start()");
        });
    }

    @Test
    void subclassOfARealFinalClassIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.util.Secret", "package hudson.util; public class Secret {}")
                .plugin("io.jenkins.plugins.planted.MySecret", """
                        package io.jenkins.plugins.planted;
                        class MySecret extends hudson.util.Secret {}""")
                .check();

        assertThat(problems).extracting(Problem::kind).contains(Kind.FINAL_OVERRIDDEN);
    }

    @Test
    void annotationOnATargetTheRealOneDoesNotAllowIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.kohsuke.stapler.DataBoundConstructor", """
                        package org.kohsuke.stapler;
                        import java.lang.annotation.*;
                        @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.CONSTRUCTOR, ElementType.METHOD})
                        public @interface DataBoundConstructor {}""")
                .plugin(USER, """
                        package io.jenkins.plugins.planted;
                        public class User {
                            @org.kohsuke.stapler.DataBoundConstructor public void setUp() {}
                        }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ANNOTATION_MISUSED);
            assertThat(p.toString()).contains(USER + "#setUp()", "on a METHOD", "[CONSTRUCTOR]");
        });
    }

    @Test
    void annotationWithAShorterRetentionThanTheRealOneIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("org.jenkinsci.Symbol", """
                        package org.jenkinsci;
                        import java.lang.annotation.*;
                        @Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE)
                        public @interface Symbol { String[] value(); }""")
                .check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ANNOTATION_MISUSED);
            assertThat(p.detail()).contains("real retention is RUNTIME");
        });
    }

    @Test
    void constantInlinedFromAStandInIsReported() {
        List<Problem> problems = new PlantedApi(dir)
                .standIn("hudson.Util", utilWith("public static final String PLANTED = \"planted-constant\";"))
                .plugin(USER, user("return hudson.Util.PLANTED;"))
                .check();

        assertThat(problems).extracting(Problem::kind).contains(Kind.INLINED_CONSTANT);
        assertThat(problems).filteredOn(p -> p.kind() == Kind.INLINED_CONSTANT).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains(USER + "#use()", "hudson.Util#PLANTED"));
    }

    @Test
    void missingSignatureFolderFailsWithWhereItLooks() {
        Path absent = dir.resolve("no-shared/jenkins-api");

        assertThatThrownBy(() -> ConformanceMain.readApi(absent, dir.resolve("supplement.txt")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("../shared/jenkins-api beside the repository clone");
    }

    private static String utilWith(String member) {
        return """
                package hudson;
                public class Util {
                    public static String fixNull(String s) %s
                    public static boolean isSymlink(java.io.File file) %s
                    %s
                }""".formatted(THROW, THROW, member);
    }

    private static String user(String body) {
        return """
                package io.jenkins.plugins.planted;
                public class User {
                    public String use() { %s }
                }""".formatted(body);
    }
}
