package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code scripts/demo.sh} and the {@code slipway} launcher that can be checked without running the
 * demo (which needs the network for its base image and minutes of buildah): syntax, shellcheck, the launcher's
 * message when the jar is missing, and that the registry password only ever travels in the environment or files.
 */
class DemoScriptTest {
    private static final Path DEMO = Path.of("..", "scripts", "demo.sh");
    private static final Path LAUNCHER = Path.of("src", "main", "sh", "slipway");

    @Test
    void demoScriptIsValidBash() throws Exception {
        Result result = run(List.of("bash", "-n", DEMO.toString()), null);
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void demoScriptAndLauncherPassShellcheck() throws Exception {
        Path shellcheck = RequiredBinary.of("shellcheck", "shellcheck").require();
        Result result = run(List.of(shellcheck.toString(), DEMO.toString(), LAUNCHER.toString()), null);
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void launcherWithoutTheJarSaysHowToBuildIt() throws Exception {
        Result result = run(List.of("sh", LAUNCHER.toString(), "--version"), "/nonexistent/slipway.jar");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("/nonexistent/slipway.jar not found",
                "./mvnw -q -pl slipway-cli -am package -DskipTests");
    }

    @Test
    void registryPasswordIsOnlyPassedThroughTheEnvironmentFilesOrShellBuiltins() throws IOException {
        // allowed: a builtin printf (never a process argument) and an environment prefix
        Pattern allowed = Pattern.compile("^\\s*(\"\\$\\(printf '%s:%s' \"\\$REGISTRY_USER\" \"\\$SLIPWAY_DEMO_REGISTRY_PASSWORD\" \\| base64 -w0\\)\".*"
                + "|SLIPWAY_TOKEN_SERVER_USERNAME=\"\\$REGISTRY_USER\" SLIPWAY_TOKEN_SERVER_PASSWORD=\"\\$SLIPWAY_DEMO_REGISTRY_PASSWORD\" \\\\)$");
        List<String> uses = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO, StandardCharsets.UTF_8)) {
            if (line.contains("$SLIPWAY_DEMO_REGISTRY_PASSWORD") || line.contains("${SLIPWAY_DEMO_REGISTRY_PASSWORD")) {
                uses.add(line);
                assertThat(line).as("a use of the password value that is not known to stay off command lines")
                        .matches(allowed);
            }
        }
        assertThat(uses).hasSize(2);
        assertThat(Files.readString(DEMO)).doesNotContain("--password ", "--password=", "curl -u", "--creds");
    }

    /**
     * The slipway.yaml the demo writes for {@code slipway deliver}, with its shell variables given sample values, is
     * one the CLI's own parser accepts: GitOps to the dev overlay, the registry's password named by its variable
     * (never a value), the base image's pull settings, and no wait (no Argo CD on this machine).
     */
    @Test
    void demoSlipwayYamlIsAcceptedByTheParserAndNamesThePasswordVariableOnly() throws IOException {
        String script = Files.readString(DEMO, StandardCharsets.UTF_8);
        int start = script.indexOf("cat > \"$CONFIG\" <<YAML\n");
        assertThat(start).as("the demo writes its slipway.yaml with a heredoc").isNotNegative();
        String body = script.substring(script.indexOf('\n', start) + 1, script.indexOf("\nYAML\n", start));
        String yaml = body.replace("${RUN#\"$ROOT\"/}", ".slipway/demo/run")
                .replace("$APP", "examples/flask-redis")
                .replace("$IMAGE_REPO", "127.0.0.1:5015/visit-counter/web")
                .replace("$BASE_IMAGE", "127.0.0.1:5015/slipway-demo/python-base:bookworm")
                .replace("$REGISTRY_USER", "demo")
                .replace("$REGISTRY", "127.0.0.1:5015")
                .replace("$GITOPS_URL", "git://127.0.0.1:9418/visit-counter-gitops.git");
        assertThat(yaml).doesNotContain("$");

        DeliveryConfig config = SlipwayYaml.parse(yaml, "slipway.yaml");

        DeliveryConfig.Environment dev = config.environments().get("dev");
        assertThat(dev.mode()).isEqualTo(DeliveryConfig.Mode.GITOPS);
        assertThat(dev.gitops().path()).isEqualTo("k8s/overlays/dev");
        assertThat(dev.await()).isNull();
        assertThat(config.registry().passwordEnv()).isEqualTo("SLIPWAY_DEMO_REGISTRY_PASSWORD");
        assertThat(config.registry().plainHttp()).isTrue();
        assertThat(config.build().context()).isEqualTo("examples/flask-redis/app");
        assertThat(config.build().args()).containsKey("BASE_IMAGE");
        assertThat(config.build().pullAuthFile()).isEqualTo(".slipway/demo/run/auth.json");
        assertThat(script).contains("slipway deliver -e dev").doesNotContain("slipway build ", "slipway gitops update");
    }

    /**
     * The launcher with the real java and a real jar: a jar whose manifest runs SlipwayCommand from this test's class
     * path (the runnable jar is built after the tests). Whether or not the JVM can record an AppCDS archive for that
     * class path (it cannot with folders on it), runs print only what slipway printed, no partial archive is left,
     * and SLIPWAY_CDS=off runs without one. The archive itself is measured by src/test/sh/measure-startup.sh.
     */
    @Test
    void launcherRunsTheJarWithTheRealJavaAndKeepsStdoutCleanWithAndWithoutCds(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path jar = temp.resolve("slipway.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, SlipwayCommand.class.getName());
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, java.util.Arrays.stream(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(java.util.stream.Collectors.joining(" ")));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        Path cache = temp.resolve("cds");
        java.util.Map<String, String> environment = java.util.Map.of("SLIPWAY_CDS_DIR", cache.toString());

        Result first = run(List.of("sh", LAUNCHER.toString(), "--version"), jar.toString(), environment);
        List<Path> archives;
        try (var listing = Files.list(cache)) {
            archives = listing.toList();
        }
        Result second = run(List.of("sh", LAUNCHER.toString(), "--version"), jar.toString(), environment);
        Result off = run(List.of("sh", LAUNCHER.toString(), "push", "-o", "json"), jar.toString(),
                java.util.Map.of("SLIPWAY_CDS_DIR", cache.toString(), "SLIPWAY_CDS", "off"));
        // a JVM takes one collector: the launcher's serial one steps aside for the user's
        Result ownCollector = run(List.of("sh", LAUNCHER.toString(), "--version"), jar.toString(),
                java.util.Map.of("SLIPWAY_CDS", "off", "SLIPWAY_JAVA_OPTS", "-XX:+UseParallelGC"));

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output().strip()).matches("slipway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(archives).as("no partial archive is left; a JVM that could not record one leaves none")
                .allMatch(file -> file.getFileName().toString().matches("slipway-\\d+\\.jsa"));
        assertThat(off.exit()).isEqualTo(2);
        assertThat(off.output()).startsWith("{\"error\":{\"kind\":\"usage\"");
        assertThat(ownCollector.exit()).as(ownCollector.output()).isZero();
        assertThat(ownCollector.output()).isEqualTo(first.output());
    }

    /**
     * On Java 24 and newer (Temurin 25 is on the machines this project builds on) the launcher's first run of a
     * command records the classes it uses and makes an ahead-of-time cache for that command; later runs load the
     * classes from it. The jar here holds this module's and the engine's classes (an AOT cache takes jars only) and
     * names the other jars of the test class path. JVM notes stay off stdout, and nothing but the cache is left.
     */
    @Test
    void launcherOnJava24OrNewerMakesAnAheadOfTimeCachePerCommandAndStartsFromIt(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path javaHome = newestJdk(24);
        org.junit.jupiter.api.Assumptions.assumeTrue(javaHome != null, "no JDK 24 or newer in /usr/lib/jvm");
        Path jar = temp.resolve("slipway.jar");
        List<String> classPath = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, SlipwayCommand.class.getName());
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath.stream()
                .filter(entry -> entry.endsWith(".jar"))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(java.util.stream.Collectors.joining(" ")));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String entry : classPath) {
                Path folder = Path.of(entry);
                if (!Files.isDirectory(folder) || folder.endsWith("test-classes")) {
                    continue;
                }
                try (var files = Files.walk(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                        if (!name.startsWith("META-INF/MANIFEST")) {
                            out.putNextEntry(new java.util.jar.JarEntry(name));
                            Files.copy(file, out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        Path cache = temp.resolve("cds");
        java.util.Map<String, String> environment = java.util.Map.of("SLIPWAY_CDS_DIR", cache.toString(),
                "JAVA_HOME", javaHome.toString());

        Separate first = runSeparately(List.of("sh", LAUNCHER.toString(), "--version"), jar, environment);
        List<String> made;
        try (var listing = Files.list(cache)) {
            made = listing.map(file -> file.getFileName().toString()).toList();
        }
        Separate second = runSeparately(List.of("sh", LAUNCHER.toString(), "--version"), jar, java.util.Map.of(
                "SLIPWAY_CDS_DIR", cache.toString(), "JAVA_HOME", javaHome.toString(),
                "SLIPWAY_JAVA_OPTS", "-Xlog:class+load=info:stderr"));

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output().strip()).as("stdout only").matches("slipway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(made).as("one cache for the command, no recording, partial cache or lock left").singleElement()
                .satisfies(name -> assertThat(name).matches("slipway-\\d+-main\\.aot"));
        assertThat(second.exit()).isZero();
        assertThat(second.output().strip()).isEqualTo(first.output().strip());
        assertThat(second.error()).containsPattern("dev\\.slipway\\.cli\\.SlipwayCommand source: (shared objects file|AOT cache)");
    }

    /** The newest JDK in /usr/lib/jvm whose feature version is at least {@code feature}, or null. */
    private static Path newestJdk(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Path newest = null;
        int newestFeature = feature - 1;
        try (var homes = Files.list(jvms)) {
            for (Path home : homes.toList()) {
                Path release = home.resolve("release");
                if (Files.isSymbolicLink(home) || !Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
                    continue;
                }
                java.util.regex.Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                if (version.find() && Integer.parseInt(version.group(1)) > newestFeature) {
                    newestFeature = Integer.parseInt(version.group(1));
                    newest = home;
                }
            }
        }
        return newest;
    }

    private record Separate(int exit, String output, String error) {}

    private static Separate runSeparately(List<String> command, Path slipwayJar, java.util.Map<String, String> environment)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("SLIPWAY_JAR", slipwayJar.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> error = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Separate(process.exitValue(), output, new String(error.get(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, String slipwayJar) throws Exception {
        return run(command, slipwayJar, java.util.Map.of());
    }

    private static Result run(List<String> command, String slipwayJar, java.util.Map<String, String> environment)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (slipwayJar != null) {
            builder.environment().put("SLIPWAY_JAR", slipwayJar);
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
