package dev.slipway.gitops;

import dev.slipway.support.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Which of two builds of the same source is newer: by commit ancestry in the source repository when a
 * local clone is given and holds both commits, else by build number.
 */
final class Builds {
    private Builds() {}

    /** Whether an earlier commit's trailers describe a delivery of the same source as {@code spec}. */
    static boolean sameSource(Trailers theirs, CommitSpec spec) {
        if (theirs.isEmpty()) {
            return false;
        }
        Provenance ours = spec.provenance();
        Optional<String> theirRepository = theirs.get(Trailers.SOURCE_REPOSITORY);
        if (ours != null && ours.sourceRepository() != null && theirRepository.isPresent()) {
            return normalise(ours.sourceRepository()).equals(normalise(theirRepository.get()));
        }
        // without repository trailers, the same image repository stands for the same source
        return theirs.get(Trailers.IMAGE).map(Builds::imageName).equals(Optional.ofNullable(spec.image()).map(Builds::imageName));
    }

    /** Whether the build being delivered says enough (a source commit or a build number) to be compared at all. */
    static boolean comparable(CommitSpec spec) {
        Provenance ours = spec.provenance();
        return ours != null && (ours.sourceCommit() != null || ours.buildNumber() != null);
    }

    /** Whether {@code theirs} is a strictly newer build than the one {@code spec} delivers. */
    static boolean isNewer(Trailers theirs, CommitSpec spec) {
        Provenance ours = spec.provenance();
        Optional<String> theirCommit = theirs.get(Trailers.SOURCE);
        if (ours.sourceCommit() != null && theirCommit.isPresent()) {
            if (ours.sourceCommit().equals(theirCommit.get())) {
                return false; // the same source commit delivered again
            }
            Optional<Boolean> byAncestry = newerByAncestry(spec.sourceRepository(), theirCommit.get(), ours.sourceCommit());
            if (byAncestry.isPresent()) {
                return byAncestry.get();
            }
        }
        Optional<Long> theirNumber = theirs.get(Trailers.BUILD_NUMBER).flatMap(Builds::parseLong);
        return theirNumber.isPresent() && ours.buildNumber() != null && theirNumber.get() > ours.buildNumber();
    }

    static String describe(CommitSpec spec) {
        Provenance p = spec.provenance();
        return p.buildUrl() != null ? p.buildUrl()
                : p.sourceCommit() != null ? "source " + p.sourceCommit()
                : "build " + p.buildNumber();
    }

    /** Their commit is newer when ours is its ancestor; empty when the clone lacks either commit. */
    private static Optional<Boolean> newerByAncestry(String sourceRepository, String theirCommit, String ourCommit) {
        if (sourceRepository == null) {
            return Optional.empty();
        }
        try (Repository repository = new FileRepositoryBuilder().findGitDir(Path.of(sourceRepository).toFile())
                .setMustExist(true).build();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId theirs = repository.resolve(theirCommit);
            ObjectId ours = repository.resolve(ourCommit);
            if (theirs == null || ours == null || !repository.getObjectDatabase().has(theirs) || !repository.getObjectDatabase().has(ours)) {
                return Optional.empty();
            }
            RevCommit theirsCommit = walk.parseCommit(theirs);
            RevCommit oursCommit = walk.parseCommit(ours);
            if (walk.isMergedInto(oursCommit, theirsCommit)) {
                return Optional.of(true);
            }
            return Optional.of(false);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String url) {
        String u = url.trim().toLowerCase(java.util.Locale.ROOT);
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
    }

    private static String imageName(String reference) {
        String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
