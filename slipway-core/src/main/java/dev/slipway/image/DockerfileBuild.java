package dev.slipway.image;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Dockerfile build on the agent: checks and resolves the request (paths confined to the workspace, tags
 * expanded, OCI labels added, secrets as private files), runs the chosen {@link ImageBuilder} into a staging
 * folder, reads the digest from the layout, then moves the layout into place. Nothing half-written: on failure
 * the output folder is untouched and the scratch folder ({@code <workspace>@tmp/slipway-build-*}, holding
 * buildah's storage and secret files) is removed.
 */
public final class DockerfileBuild {
    public static final String LABEL_SOURCE = "org.opencontainers.image.source";
    public static final String LABEL_REVISION = "org.opencontainers.image.revision";
    public static final String LABEL_CREATED = "org.opencontainers.image.created";
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern BUILD_ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    /** Secret files larger than this are not read for masking (certificates bundles, keystores). */
    private static final long MASKABLE_SECRET_BYTES = 64 * 1024;

    private final Path workspace;
    private final Events events;
    private final Function<BuildRequest.Driver, ImageBuilder> drivers;

    /** Builds with real buildah or docker found on the agent's {@code PATH}. */
    public DockerfileBuild(Path workspace, Events events) {
        this(workspace, events, CommandRunner.system());
    }

    /** Builds with real builders started by {@code runner} (tests pass a recording runner). */
    public DockerfileBuild(Path workspace, Events events, CommandRunner runner) {
        this(workspace, events, driver -> select(driver, runner.refusingSecretsIn(events.masker()), events, workspace));
    }

    DockerfileBuild(Path workspace, Events events, Function<BuildRequest.Driver, ImageBuilder> drivers) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.events = Objects.requireNonNull(events, "events");
        this.drivers = Objects.requireNonNull(drivers, "drivers");
    }

    /** The builder for {@code requested}: {@code AUTO} is buildah where installed, else a Docker daemon. */
    static ImageBuilder select(BuildRequest.Driver requested, CommandRunner runner, Events events, Path workspace) {
        switch (requested) {
            case BUILDAH:
                return new BuildahDriver(BuildahDriver.locate().orElseThrow(DockerfileBuild::noBuildah), runner, events);
            case DOCKER:
                return new DockerDriver(DockerDriver.locate().orElseThrow(() -> new BuilderUnavailableException(
                        "the docker client is not installed on this agent",
                        "install Docker, or build with buildah (driver buildah)")), runner, events);
            default:
                if (BuildahDriver.locate().isPresent()) {
                    return new BuildahDriver(BuildahDriver.locate().get(), runner, events);
                }
                DockerDriver docker = DockerDriver.locate().map(path -> new DockerDriver(path, runner, events)).orElse(null);
                if (docker != null && docker.daemonAnswers(workspace)) {
                    return docker;
                }
                throw new BuilderUnavailableException("neither buildah nor a Docker daemon is available on this agent",
                        "install buildah (Debian/Ubuntu: apt-get install buildah; RHEL/Fedora: dnf install buildah),"
                                + " or run the build on an agent with a Docker daemon");
        }
    }

    private static BuilderUnavailableException noBuildah() {
        return new BuilderUnavailableException("buildah is not installed on this agent",
                "install buildah (Debian/Ubuntu: apt-get install buildah; RHEL/Fedora: dnf install buildah),"
                        + " or choose driver docker on an agent with a Docker daemon");
    }

    public BuildResult run(BuildRequest request) {
        Instant start = events.clock().instant();
        ImageRef image = request.image();
        if (image.digest().isPresent()) {
            throw new InvalidInputException("image", "'" + image + "' has a digest, but a build makes a new image",
                    "give the repository (and optionally a tag) without @sha256:...");
        }
        List<String> templates = new ArrayList<>();
        image.tag().ifPresent(templates::add);
        templates.addAll(request.tags());
        List<String> tags = TagTemplates.expand(templates, request.provenance());

        WorkspacePaths paths = new WorkspacePaths(workspace, List.of(WorkspacePaths.jenkinsTempFolder(workspace)));
        Path context = paths.existingFolder("context", request.context());
        Path dockerfile = paths.existingFile("dockerfile", request.dockerfileOrDefault());
        Path output = paths.outputFolder("outputLayout", request.outputLayout());
        checkReplaceable(output, context, dockerfile, request.outputLayout());
        checkBuildArgs(request.buildArgs());
        List<ResolvedSecret> secrets = resolveSecrets(request.secrets(), paths);
        Path pullAuthFile = request.pullAuthFile() == null ? null
                : paths.existingFileInAnyRoot("pullAuthFile", request.pullAuthFile());
        if (pullAuthFile != null) {
            registerAuthFile(pullAuthFile);
        }
        checkNoSecretIn(request.buildArgs(), request.labels());
        warnIfTheLayoutIsSentWithTheContext(output, context);
        ImageBuilder builder = drivers.apply(request.driver());

        Path scratch = createScratch();
        Path staging = output.resolveSibling("." + output.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            BuildPlan plan = new BuildPlan(context, dockerfile, image.withoutTag(), tags, request.buildArgs(),
                    labels(request, start), request.target(), request.platform(), request.pull(), request.noCache(),
                    secretFiles(secrets, scratch), request.insecureRegistries(), pullAuthFile, scratch, staging);
            events.started(Event.Phase.BUILD, image.name(), "building " + relative(dockerfile) + " (context "
                    + relative(context) + ") with " + builder.driver().name().toLowerCase(java.util.Locale.ROOT));
            builder.build(plan);
            OciLayout.Image built = OciLayout.read(staging);
            replace(output, staging);
            ImageRef result = image.withoutTag().withDigest(built.digest());
            Duration duration = Duration.between(start, events.clock().instant());
            events.finished(Event.Phase.BUILD, result.reference(), "built " + result.reference()
                    + (tags.isEmpty() ? "" : " (tags " + String.join(", ", tags) + ")") + " into " + relative(output));
            return new BuildResult(result, relative(output), tags, built.sizeBytes(), builder.driver(), duration);
        } catch (SlipwayException e) {
            events.failed(Event.Phase.BUILD, image.name(), e.getMessage());
            throw e;
        } finally {
            FileTrees.deleteQuietly(staging);
            removeScratch(scratch);
        }
    }

    /** The OCI labels (source without credentials, revision, created) under the user's, which win. */
    private Map<String, String> labels(BuildRequest request, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (request.defaultLabels()) {
            Provenance provenance = request.provenance();
            if (provenance != null && provenance.sourceRepository() != null && !provenance.sourceRepository().isBlank()) {
                labels.put(LABEL_SOURCE, URL_USER_INFO.matcher(provenance.sourceRepository().strip()).replaceFirst("$1"));
            }
            if (provenance != null && provenance.sourceCommit() != null && !provenance.sourceCommit().isBlank()) {
                labels.put(LABEL_REVISION, provenance.sourceCommit().strip());
            }
            labels.put(LABEL_CREATED, DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        }
        request.labels().forEach((name, value) -> {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new InvalidInputException("labels", "label name '" + name + "' is empty or contains '='",
                        "write labels as name=value with a non-empty name");
            }
            labels.put(name, value == null ? "" : value);
        });
        return labels;
    }

    private void checkReplaceable(Path output, Path context, Path dockerfile, String given) {
        if (context.startsWith(output) || dockerfile.startsWith(output)) {
            throw new InvalidInputException("outputLayout", "'" + given + "' holds the build context or Dockerfile,"
                    + " and the build replaces it", "choose an output folder outside the context, e.g. "
                    + BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        }
        if (Files.exists(output)) {
            boolean replaceable;
            try (Stream<Path> entries = Files.list(output)) {
                replaceable = Files.isRegularFile(output.resolve("oci-layout")) || entries.findAny().isEmpty();
            } catch (IOException e) {
                replaceable = false;
            }
            if (!replaceable) {
                throw new InvalidInputException("outputLayout", "'" + given + "' exists and is not an OCI layout,"
                        + " so Slipway will not replace it", "choose an empty or new folder, e.g. "
                        + BuildRequest.DEFAULT_OUTPUT_LAYOUT);
            }
        }
    }

    /** An earlier layout inside the context would be sent to the builder, and copied by {@code COPY .}. */
    private void warnIfTheLayoutIsSentWithTheContext(Path output, Path context) {
        if (!output.startsWith(context)) {
            return;
        }
        String first = context.relativize(output).getName(0).toString();
        for (String ignoreFile : List.of(".dockerignore", ".containerignore")) {
            try {
                if (Files.isRegularFile(context.resolve(ignoreFile)) && Files.readAllLines(context.resolve(ignoreFile),
                        StandardCharsets.UTF_8).stream().map(String::strip)
                        .map(line -> line.replaceFirst("^/", "").replaceFirst("(/\\*\\*)?/?$", ""))
                        .anyMatch(first::equals)) {
                    return;
                }
            } catch (IOException | UncheckedIOException unreadable) {
                // the builder reads it too and reports it
            }
        }
        events.warning(Event.Phase.BUILD, relative(output), "the output layout " + relative(output) + " is inside the build"
                + " context: add '" + first + "' to .dockerignore so earlier layouts are not sent to the builder or copied"
                + " by COPY .");
    }

    private static void checkBuildArgs(Map<String, String> buildArgs) {
        buildArgs.forEach((name, value) -> {
            if (!BUILD_ARG.matcher(name).matches()) {
                throw new InvalidInputException("buildArgs", "build argument name '" + name + "' is not a valid ARG name",
                        "use letters, digits and '_', not starting with a digit");
            }
        });
    }

    private record ResolvedSecret(String id, Path file, Secret value) { }

    private List<ResolvedSecret> resolveSecrets(List<BuildRequest.BuildSecret> secrets, WorkspacePaths paths) {
        List<ResolvedSecret> resolved = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (BuildRequest.BuildSecret secret : secrets) {
            String id = secret.id();
            if (id == null || !SECRET_ID.matcher(id).matches()) {
                throw new InvalidInputException("secrets", "secret id '" + id + "' is empty or has characters other than"
                        + " letters, digits, '_', '.' and '-'", "use the id of RUN --mount=type=secret,id=<id>");
            }
            if (!ids.add(id)) {
                throw new InvalidInputException("secrets", "secret id '" + id + "' is given twice", "give each secret once");
            }
            String field = "secrets[" + id + "]";
            if ((secret.file() == null) == (secret.value() == null)) {
                throw new InvalidInputException(field, "give either a file or a value", "a build secret is a file"
                        + " (e.g. from withCredentials) or a credential's value");
            }
            if (secret.value() != null) {
                events.masker().register(secret.value());
                resolved.add(new ResolvedSecret(id, null, secret.value()));
                continue;
            }
            Path file = paths.existingFileInAnyRoot(field, secret.file());
            registerContent(file);
            resolved.add(new ResolvedSecret(id, file, null));
        }
        return resolved;
    }

    /** The content of a secret file is masked everywhere too: a RUN step may print it by mistake. */
    private void registerContent(Path file) {
        try {
            if (Files.size(file) <= MASKABLE_SECRET_BYTES) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                events.masker().register(Secret.of(content));
                events.masker().register(Secret.of(content.strip()));
            }
        } catch (IOException | UncheckedIOException binary) {
            // binary or unreadable: the builder reports an unreadable file itself
        }
    }

    /** The credentials in an auth file ({@code auths.<host>.auth}: base64 of user:password) are masked everywhere. */
    private void registerAuthFile(Path file) {
        try {
            com.fasterxml.jackson.databind.JsonNode auths = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.toFile()).path("auths");
            auths.forEach(entry -> {
                String auth = entry.path("auth").asText("");
                if (!auth.isEmpty()) {
                    events.masker().register(Secret.of(auth));
                    try {
                        String decoded = new String(java.util.Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                        events.masker().register(Secret.of(decoded.substring(decoded.indexOf(':') + 1)));
                    } catch (IllegalArgumentException notBase64) {
                        // the builder rejects the file and says why
                    }
                }
                entry.path("identitytoken").asText("").lines().filter(token -> !token.isBlank())
                        .forEach(token -> events.masker().register(Secret.of(token)));
            });
        } catch (IOException e) {
            throw new InvalidInputException("pullAuthFile", "'" + file.getFileName() + "' is not a JSON auth file",
                    "give a file like ~/.docker/config.json or containers' auth.json ({\"auths\":{...}})");
        }
    }

    private void checkNoSecretIn(Map<String, String> buildArgs, Map<String, String> labels) {
        buildArgs.forEach((name, value) -> {
            if (value != null && !value.equals(events.masker().mask(value))) {
                throw new InvalidInputException("buildArgs", "build argument " + name + " holds a secret; build"
                        + " arguments end up in the image's history", "pass it as a build secret and read it in"
                        + " RUN --mount=type=secret,id=<id>");
            }
        });
        labels.forEach((name, value) -> {
            if (value != null && !value.equals(events.masker().mask(value))) {
                throw new InvalidInputException("labels", "label " + name + " holds a secret; labels are public",
                        "remove the secret from the label");
            }
        });
    }

    private Path createScratch() {
        try {
            Path temp = Files.createDirectories(WorkspacePaths.jenkinsTempFolder(workspace));
            Path scratch = temp.resolve("slipway-build-" + UUID.randomUUID());
            Files.createDirectory(scratch, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the build's scratch folder next to " + workspace, e);
        }
    }

    private List<BuildPlan.SecretFile> secretFiles(List<ResolvedSecret> secrets, Path scratch) {
        List<BuildPlan.SecretFile> files = new ArrayList<>();
        try {
            for (ResolvedSecret secret : secrets) {
                if (secret.file() != null) {
                    files.add(new BuildPlan.SecretFile(secret.id(), secret.file()));
                    continue;
                }
                Path folder = scratch.resolve("secrets");
                if (!Files.isDirectory(folder)) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                Path file = Files.createFile(folder.resolve(secret.id()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, secret.value().reveal(), StandardCharsets.UTF_8);
                files.add(new BuildPlan.SecretFile(secret.id(), file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a build secret to the scratch folder", e);
        }
        return files;
    }

    private void replace(Path output, Path staging) {
        FileTrees.deleteQuietly(output);
        try {
            Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new SlipwayException("could not replace " + relative(output) + ": a file in it could not be removed",
                    "check the folder's permissions");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the OCI layout into " + output, e);
        }
    }

    private void removeScratch(Path scratch) {
        FileTrees.deleteQuietly(scratch);
        if (Files.exists(scratch)) {
            events.warning(Event.Phase.BUILD, "", "could not remove the build's scratch folder " + scratch);
            return;
        }
        try {
            Files.deleteIfExists(scratch.getParent()); // only succeeds when empty: the @tmp folder may be Jenkins'
        } catch (IOException notEmpty) {
            // Jenkins or another build uses it
        }
    }

    private String relative(Path path) {
        return path.startsWith(workspace) ? (path.equals(workspace) ? "." : workspace.relativize(path).toString()) : path.toString();
    }
}
