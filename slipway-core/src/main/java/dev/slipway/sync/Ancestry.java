package dev.slipway.sync;

/** Answers whether a revision a controller reports carries our commit. */
@FunctionalInterface
public interface Ancestry {
    /** True when {@code revision} is {@code commit} or a descendant of it. */
    boolean carries(String revision, String commit);

    /** Only the commit itself counts (no repository to read history from). */
    static Ancestry exactOnly() {
        return (revision, commit) -> sameCommit(revision, commit);
    }

    /** Equal, or one is an abbreviation (at least 7 hex digits) of the other. */
    static boolean sameCommit(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        if (x.length() < 7 || y.length() < 7) {
            return x.equals(y);
        }
        return x.startsWith(y) || y.startsWith(x);
    }
}
