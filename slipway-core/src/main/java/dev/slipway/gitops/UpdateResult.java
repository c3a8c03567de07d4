package dev.slipway.gitops;

import dev.slipway.delivery.Change;
import dev.slipway.support.EngineMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an update changed: file → document → field → old → new, plus what it skipped. Holds image references
 * and paths only, never file contents, so it is safe to log and to send over the Jenkins remoting channel.
 *
 * @param files         changed files, sorted by path; empty when everything was already up to date
 * @param notices       what was skipped and why
 */
public record UpdateResult(List<FileUpdate> files, List<Notice> notices) implements EngineMessage {
    private static final long serialVersionUID = 1L;

    public UpdateResult {
        files = List.copyOf(files);
        notices = List.copyOf(notices);
    }

    /** True when nothing changes: the caller must not commit. */
    public boolean upToDate() {
        return files.isEmpty();
    }

    /** The changes as the delivery record and the Git committer take them (location = file relative to the root). */
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (FileUpdate file : files) {
            for (DocumentUpdate document : file.documents()) {
                for (FieldUpdate field : document.fields()) {
                    out.add(new Change(file.path(), document.index(), field.path(), field.oldValue(), field.newValue()));
                }
            }
        }
        return out;
    }

    public int changedFieldCount() {
        return files.stream().flatMap(f -> f.documents().stream()).mapToInt(d -> d.fields().size()).sum();
    }

    /** A plain-text summary, one line per field, fit for a commit message body or a console. */
    public String describe() {
        if (upToDate()) {
            return "already up to date" + (notices.isEmpty() ? "" : "\n" + noticeLines());
        }
        StringBuilder out = new StringBuilder();
        for (FileUpdate file : files) {
            for (DocumentUpdate document : file.documents()) {
                for (FieldUpdate field : document.fields()) {
                    out.append(file.path()).append(" (").append(document.describe()).append(") ")
                            .append(field.describe()).append('\n');
                }
            }
        }
        if (!notices.isEmpty()) {
            out.append(noticeLines());
        }
        return out.toString().stripTrailing();
    }

    private String noticeLines() {
        StringBuilder out = new StringBuilder();
        for (Notice notice : notices) {
            out.append("skipped ").append(notice).append('\n');
        }
        return out.toString();
    }
}
