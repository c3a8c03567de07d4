package dev.slipway.testsupport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token server the demo runs as its own process: started from the command line, ACR's basic grant works. */
class AcrStyleTokenServerMainTest {
    private static final String CANARY = Canary.of("password");

    @Test
    void asAProcessItWritesTheRegistryAuthBlockAndGrantsTokensOnlyForItsUser(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AcrStyleTokenServerMain.class.getName(), dir.toString(),
                "demo-registry").redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().put(AcrStyleTokenServerMain.USERNAME_VARIABLE, "demo");
        builder.environment().put(AcrStyleTokenServerMain.PASSWORD_VARIABLE, CANARY);
        Process process = builder.start();
        try {
            Path config = dir.resolve(AcrStyleTokenServerMain.CONFIG_FILE);
            for (int i = 0; i < 600 && !Files.exists(config) && process.isAlive(); i++) {
                Thread.sleep(50);
            }
            String block = Files.readString(config);
            assertThat(block).contains("service: demo-registry", "issuer: " + AcrStyleTokenServerMain.ISSUER,
                    "rootcertbundle: " + dir.toAbsolutePath());
            Matcher realm = Pattern.compile("realm: (\\S+)").matcher(block);
            assertThat(realm.find()).isTrue();
            assertThat(realm.group(1)).startsWith("http://127.0.0.1:").endsWith("/oauth2/token");

            String query = "?service=demo-registry&scope=repository:visit-counter/web:pull,push";
            assertThat(get(realm.group(1) + query, "demo", CANARY).body()).contains("\"access_token\"");
            assertThat(get(realm.group(1) + query, "demo", "wrong").statusCode()).isEqualTo(401);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("out.log"))).contains("ACR-style token server on").doesNotContain(CANARY);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(CANARY);
            }
        }
    }

    @Test
    void withoutCredentialsInTheEnvironmentItRefusesToStart(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AcrStyleTokenServerMain.class.getName(), dir.toString(),
                "demo-registry").redirectErrorStream(true);
        builder.environment().remove(AcrStyleTokenServerMain.USERNAME_VARIABLE);
        builder.environment().remove(AcrStyleTokenServerMain.PASSWORD_VARIABLE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains(AcrStyleTokenServerMain.PASSWORD_VARIABLE);
        assertThat(List.of(dir.toFile().list())).isEmpty();
    }

    private static HttpResponse<String> get(String url, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
