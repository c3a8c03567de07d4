package dev.slipway.buildtools.jenkinsapi;

import static dev.slipway.buildtools.jenkinsapi.PlantedApi.THROW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInAuditTest {

    private static final String INDEXED = """
            package org.jvnet.hudson.annotation_indexer;
            import java.lang.annotation.*;
            @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.ANNOTATION_TYPE)
            public @interface Indexed {}""";

    @TempDir
    Path dir;

    @Test
    void standInWithRealSupertypesModifiersAndThrowingBodiesPasses() {
        List<Problem> problems = audit(Map.of("hudson.AbortException", """
                package hudson;
                public class AbortException extends java.io.IOException {
                    public AbortException(String message) { super(message); %s }
                }""".formatted(THROW.substring(1, THROW.length() - 1))));

        assertThat(problems).isEmpty();
    }

    @Test
    void bodyThatDoesMoreThanThrowIsReported() {
        List<Problem> problems = audit(Map.of("hudson.AbortException", """
                package hudson;
                public class AbortException extends java.io.IOException {
                    public AbortException(String message) { super(message); }
                }"""));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("hudson.AbortException#<init>(java.lang.String)", "bare throw"));
    }

    @Test
    void wrongSupertypeAndUnrealMemberAreReported() {
        List<Problem> problems = audit(Map.of("hudson.AbortException", """
                package hudson;
                public class AbortException extends Exception {
                    public AbortException(String message) %s
                    public static String planted() %s
                }""".formatted(THROW, THROW)));

        assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("extends java.lang.Exception, the real one extends java.io.IOException"));
        assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("hudson.AbortException#planted()", "no such member"));
    }

    @Test
    void annotationWithoutItsRealMetaAnnotationIsReported() {
        List<Problem> problems = audit(Map.of("org.jenkinsci.Symbol", """
                package org.jenkinsci;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE) @Documented
                public @interface Symbol { String[] value(); }"""));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.detail())
                .contains("[Documented, Retention, Target]", "[Documented, Indexed, Retention, Target]"));
    }

    @Test
    void annotationWithItsRealMetaAnnotationsPasses() {
        List<Problem> problems = audit(Map.of("org.jenkinsci.Symbol", """
                package org.jenkinsci;
                import java.lang.annotation.*;
                @org.jvnet.hudson.annotation_indexer.Indexed
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE) @Documented
                public @interface Symbol { String[] value(); }""",
                "org.jvnet.hudson.annotation_indexer.Indexed", INDEXED), """
                # source: jenkinsci/lib-annotation-indexer src/main/java/org/jvnet/hudson/annotation_indexer/Indexed.java (test)
                # meta: @Documented @Retention(RUNTIME) @Target(ANNOTATION_TYPE)
                CLASS org.jvnet.hudson.annotation_indexer.Indexed annotation
                """);

        assertThat(problems).isEmpty();
    }

    private List<Problem> audit(Map<String, String> standIns) {
        return audit(standIns, "");
    }

    private List<Problem> audit(Map<String, String> standIns, String supplement) {
        return new PlantedApi(dir).supplement(supplement).audit(standIns);
    }
}
