package dev.slipway.gitops;

import dev.slipway.delivery.Change;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a GitOps commit message from its template, the structured update result and the trailers. */
final class CommitMessages {
    private CommitMessages() {}

    static String render(CommitSpec spec, List<Change> changes) {
        Set<String> files = changes.stream().map(Change::location).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> newValues = changes.stream().map(Change::newValue).collect(Collectors.toSet());
        String image = spec.image() != null ? shortImage(spec.image())
                : newValues.size() == 1 ? shortImage(newValues.iterator().next()) : "images";
        String summary = "Deliver " + image + " to " + (files.size() == 1 ? files.iterator().next() : files.size() + " files");
        String list = changes.stream()
                .map(c -> "- " + c.location() + ": " + c.field() + " " + (c.oldValue() == null ? "(added)" : c.oldValue())
                        + " -> " + c.newValue())
                .collect(Collectors.joining("\n"));
        String sourceCommit = spec.provenance() == null || spec.provenance().sourceCommit() == null ? ""
                : spec.provenance().sourceCommit();
        String body = spec.messageTemplate()
                .replace("{summary}", summary)
                .replace("{changes}", list)
                .replace("{image}", spec.image() == null ? "" : spec.image())
                .replace("{sourceCommitShort}", sourceCommit.length() > 7 ? sourceCommit.substring(0, 7) : sourceCommit)
                .replace("{buildNumber}", spec.provenance() == null || spec.provenance().buildNumber() == null ? ""
                        : spec.provenance().buildNumber().toString())
                .strip();
        String trailers = Trailers.of(spec.provenance(), spec.image()).render();
        return trailers.isEmpty() ? body + "\n" : body + "\n\n" + trailers;
    }

    /** {@code repo:tag@sha256:abcdef123456} → {@code repo:tag@sha256:abcdef12}, readable in a one-line summary. */
    private static String shortImage(String image) {
        int at = image.indexOf("@sha256:");
        return at < 0 ? image : image.substring(0, Math.min(image.length(), at + 8 + 12));
    }
}
