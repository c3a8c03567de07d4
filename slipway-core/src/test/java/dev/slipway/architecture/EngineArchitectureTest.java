package dev.slipway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of Jenkins, and never prints: the plugin and the CLI adapt it. */
class EngineArchitectureTest {
    /** Test servers are on the test class path as classes; they are not the engine. */
    private static final String TEST_SUPPORT = "dev.slipway.testsupport..";

    static final ArchRule NO_JENKINS = noClasses().that().resideOutsideOfPackage(TEST_SUPPORT)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..",
                    "com.microsoft.azure.util..", "io.jenkins..")
            .because("slipway-core is the Jenkins-free engine (DESIGN.md)");

    static final ArchRule NEVER_PRINTS = noClasses().that().resideOutsideOfPackage(TEST_SUPPORT)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("the engine emits events; the CLI and the Jenkins log render them");

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.slipway");
    }

    @Test
    void noJenkinsInTheEngine() {
        NO_JENKINS.check(engine);
    }

    @Test
    void theEngineNeverPrints() {
        NEVER_PRINTS.check(engine);
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses planted = new ClassFileImporter().importClasses(PrintingClass.class);
        assertThatThrownBy(() -> NEVER_PRINTS.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("System.out");
    }

    static final class PrintingClass {
        void print() {
            System.out.println("planted violation");
        }
    }
}
