package dev.slipway.standins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.buildtools.jenkinsapi.ClassFiles;
import dev.slipway.buildtools.jenkinsapi.ConformanceMain;
import dev.slipway.buildtools.jenkinsapi.Problem;
import dev.slipway.buildtools.jenkinsapi.RealApi;
import dev.slipway.buildtools.jenkinsapi.StandInAudit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;

/**
 * Every stand-in is a real class with its real kind, modifiers, supertypes and annotation meta-data, declares only real
 * members, and every method body is a bare throw (so no test can run stand-in code and take it for Jenkins).
 */
class StandInsMatchTheRealApiTest {

    @Test
    void everyStandInAndEveryStandInMethodMatchesTheRealApiAndOnlyThrows() {
        RealApi api = ConformanceMain.readApi(Path.of(System.getProperty("slipway.jenkinsApiDir")),
                Path.of(System.getProperty("slipway.jenkinsApiSupplement")));
        List<ClassNode> standIns = ClassFiles.read(Path.of("target/classes"));

        List<Problem> problems = new StandInAudit(api).run(standIns);

        assertThat(standIns).extracting(n -> n.name).contains("hudson/Extension", "jenkins/MasterToSlaveFileCallable",
                "org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution");
        assertThat(problems).as("stand-ins that differ from the real API").isEmpty();
    }
}
