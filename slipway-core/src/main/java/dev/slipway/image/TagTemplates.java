package dev.slipway.image;

import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands tag templates: {@code {gitCommitShort}} (first 7 characters of the commit), {@code {gitCommit}},
 * {@code {buildNumber}} and {@code {branch}}, e.g. {@code {branch}-{buildNumber}}. Branch names are sanitised to the
 * tag grammar ({@code feature/Login#2} becomes {@code feature-login-2}); the expanded tag must then be a valid tag.
 * {@code latest} is never added: it appears only when listed.
 */
public final class TagTemplates {
    static final String FIELD = "tags";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int SHORT_COMMIT = 7;

    private TagTemplates() {}

    /**
     * The tags for a build: {@code templates} expanded in order, duplicates removed; when {@code templates} is
     * empty, {@code {gitCommitShort}} if the commit is known, else {@code {buildNumber}} if known, else none.
     */
    public static List<String> expand(List<String> templates, Provenance provenance) {
        List<String> effective = templates;
        if (effective.isEmpty()) {
            if (provenance != null && provenance.sourceCommit() != null && !provenance.sourceCommit().isBlank()) {
                effective = List.of("{gitCommitShort}");
            } else if (provenance != null && provenance.buildNumber() != null) {
                effective = List.of("{buildNumber}");
            } else {
                return List.of();
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String template : effective) {
            tags.add(expand(template, provenance));
        }
        return List.copyOf(tags);
    }

    /** One template expanded and checked against the tag grammar. */
    public static String expand(String template, Provenance provenance) {
        if (template == null || template.isBlank()) {
            throw new InvalidInputException(FIELD, "a tag is empty", "remove the empty entry from the tag list");
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), template, provenance)));
        }
        matcher.appendTail(out);
        String tag = out.toString();
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException(FIELD, "tag '" + tag + "'" + (tag.equals(template) ? "" : " (from '" + template + "')")
                    + " is not a valid tag" + (tag.length() > 128 ? " (longer than 128 characters)" : ""),
                    "a tag is 1-128 letters, digits, '_', '.' and '-', not starting with '.' or '-';"
                            + " templates: {gitCommitShort}, {gitCommit}, {buildNumber}, {branch}");
        }
        return tag;
    }

    private static String value(String name, String template, Provenance provenance) {
        Provenance known = provenance == null ? Provenance.unknown(null) : provenance;
        String value = switch (name) {
            case "gitCommitShort" -> known.sourceCommit() == null ? null
                    : known.sourceCommit().substring(0, Math.min(SHORT_COMMIT, known.sourceCommit().length()));
            case "gitCommit" -> known.sourceCommit();
            case "buildNumber" -> known.buildNumber() == null ? null : known.buildNumber().toString();
            case "branch" -> known.sourceBranch() == null ? null : sanitiseBranch(known.sourceBranch());
            default -> throw new InvalidInputException(FIELD, "tag template '" + template + "' uses unknown placeholder {"
                    + name + "}", "use {gitCommitShort}, {gitCommit}, {buildNumber} or {branch}");
        };
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(FIELD, "tag template '" + template + "' needs {" + name + "}, which is not known"
                    + " for this build", switch (name) {
                        case "buildNumber" -> "give the build number (CLI: --build-number or BUILD_NUMBER)";
                        case "branch" -> "give the branch (CLI: --branch or BRANCH_NAME)";
                        default -> "give the source commit (CLI: --git-commit or GIT_COMMIT)";
                    });
        }
        return value;
    }

    /**
     * A branch name in tag grammar: {@code origin/} dropped, lower-cased, every run of characters outside
     * {@code [a-z0-9_.-]} replaced by one {@code -}, no leading {@code .} or {@code -}, at most 128 characters.
     */
    public static String sanitiseBranch(String branch) {
        String name = branch.strip();
        for (String prefix : List.of("refs/heads/", "origin/")) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        String sanitised = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[.-]+", "");
        sanitised = sanitised.length() > 128 ? sanitised.substring(0, 128) : sanitised;
        sanitised = sanitised.replaceAll("[.-]+$", "");
        return sanitised.isEmpty() ? null : sanitised;
    }
}
