package dev.slipway.buildtools.jenkinsapi;

/**
 * One way the plugin's bytecode would fail, or behave differently, in a real Jenkins.
 *
 * @param kind     what is wrong
 * @param where    the plugin class and member holding the reference ({@code a.B#m(x)})
 * @param apiPart  the Jenkins API class or member concerned
 * @param detail   why it is wrong and what to do
 */
public record Problem(Kind kind, String where, String apiPart, String detail) implements Comparable<Problem> {

    public enum Kind {
        /** A class in a checked package that the real API does not have. */
        MISSING_CLASS,
        /** A method, constructor or field that resolves to nothing in the real API. */
        MISSING_MEMBER,
        /** Static vs instance, or interface vs class, differs from the real API (IncompatibleClassChangeError). */
        INCOMPATIBLE_CHANGE,
        /** A plugin method overrides a stand-in method that has no real counterpart. */
        OVERRIDE_WITHOUT_REAL_METHOD,
        /** A plugin method overrides a real final method, or a plugin class extends a real final class. */
        FINAL_OVERRIDDEN,
        /** A concrete plugin class leaves a real abstract method unimplemented (AbstractMethodError). */
        ABSTRACT_NOT_IMPLEMENTED,
        /** An annotation on a target its real {@code @Target} does not allow, or with the wrong retention. */
        ANNOTATION_MISUSED,
        /** A compile-time constant of a stand-in was copied into the plugin's bytecode. */
        INLINED_CONSTANT,
        /** A stand-in differs from the real class it stands in for. */
        STAND_IN_DIFFERS
    }

    @Override
    public int compareTo(Problem other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return kind + " in " + where + ": " + apiPart + " - " + detail;
    }
}
