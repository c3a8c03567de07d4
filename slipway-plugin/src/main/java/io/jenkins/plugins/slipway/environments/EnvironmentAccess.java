package io.jenkins.plugins.slipway.environments;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which jobs may use an environment: a job's full name ({@code team-a/shop/web}, folders separated by {@code /})
 * against the environment's patterns. In a pattern {@code *} stands for any characters within one name,
 * {@code **} for any characters across folders, {@code ?} for one character; everything else is literal and the
 * whole name must match. So {@code team-a/**} allows every job in folder {@code team-a} and its sub-folders,
 * {@code team-a/*} only the jobs directly in it, {@code **} every job. No pattern: no job.
 */
public final class EnvironmentAccess {
    private EnvironmentAccess() {
    }

    public static boolean allows(List<String> patterns, String jobFullName) {
        if (jobFullName == null || jobFullName.isBlank()) {
            return false;
        }
        return patterns.stream().anyMatch(pattern -> regex(pattern).matcher(jobFullName).matches());
    }

    /** Refuses a job outside the environment's allowed jobs, naming both and the fix. */
    public static void check(EnvironmentSpec environment, String jobFullName) {
        if (allows(environment.allowedJobs(), jobFullName)) {
            return;
        }
        String allowed = environment.allowedJobs().isEmpty() ? "no job" : "only " + String.join(", ",
                environment.allowedJobs());
        throw new EnvironmentAccessDeniedException("environment '" + environment.name() + "' may not be used by job '"
                + jobFullName + "': it allows " + allowed,
                "ask a Jenkins administrator to add a pattern matching '" + jobFullName + "' to the allowed jobs of '"
                        + environment.name() + "' (Manage Jenkins > System > Slipway environments), or name another"
                        + " environment");
    }

    static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '?') {
                    regex.append("[^/]");
                } else if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }
}
