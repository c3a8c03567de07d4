package io.jenkins.plugins.slipway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.docs.GeneratedDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example Jenkinsfiles and the docs' Pipeline snippets call the plugin's steps with parameters the steps have:
 * every call of a step the plugin defines names only its constructor parameters and setters, and gives every
 * required one. (Calls of steps the plugin does not define, like {@code sh}, are not checked.)
 */
class ExampleJenkinsfilesTest {

    @Test
    void everyStepCallInTheExamplesAndDocsUsesRealParameters() throws IOException {
        Path root = GeneratedDoc.repositoryRoot();
        Map<String, StepsReference.StepDoc> steps = new LinkedHashMap<>();
        StepsReference.steps(StepsReference.pluginClasses()).forEach(s -> steps.put(s.symbol(), s));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.list(root.resolve("examples/flask-redis"))) {
            examples.filter(f -> f.getFileName().toString().startsWith("Jenkinsfile")).sorted().forEach(files::add);
        }
        files.add(root.resolve("docs/getting-started.md"));

        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            for (Call call : calls(Files.readString(file), steps.keySet())) {
                checked++;
                StepsReference.StepDoc step = steps.get(call.symbol());
                Set<String> known = step.fields().stream().map(StepsReference.Field::name).collect(Collectors.toSet());
                for (String name : call.parameters()) {
                    if (!known.contains(name)) {
                        problems.add(root.relativize(file) + ": " + call.symbol() + " has no parameter '" + name
                                + "' (it has " + known + ")");
                    }
                }
                step.fields().stream().filter(StepsReference.Field::required)
                        .filter(f -> !call.parameters().contains(f.name()))
                        .forEach(f -> problems.add(root.relativize(file) + ": " + call.symbol() + " lacks its required '"
                                + f.name() + "'"));
            }
        }

        assertThat(files).allSatisfy(f -> assertThat(f).exists());
        assertThat(checked).as("step calls checked").isGreaterThanOrEqualTo(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void namedParametersAreReadAtTheTopLevelOfTheCallOnly() {
        List<Call> calls = calls("""
                def b = acrBuild(image: env.REPO, tags: "b-${env.BUILD_NUMBER}", buildArgs: 'A=1, B: 2',
                                 labels: [x: 1].toString())
                withAcr(registry: 'r.io') { sh 'echo acrBuild(nope: 1)' }
                echo 'acrBuild'
                """, Set.of("acrBuild", "withAcr"));

        assertThat(calls).containsExactly(new Call("acrBuild", List.of("image", "tags", "buildArgs", "labels")),
                new Call("withAcr", List.of("registry")));
    }

    record Call(String symbol, List<String> parameters) {
    }

    /** Calls {@code symbol(name: value, …)} of the given symbols, outside string literals. */
    static List<Call> calls(String text, Set<String> symbols) {
        List<Call> calls = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(\\w+)\\s*\\(").matcher(text);
        int from = 0;
        while (m.find(from)) {
            from = m.end();
            if (!symbols.contains(m.group(1)) || insideString(text, m.start())) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            int depth = 0;
            int partStart = m.end();
            int i = m.end();
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    i = endOfString(text, i) - 1;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                } else if (c == ',' || c == ')') {
                    Matcher key = Pattern.compile("^\\s*(\\w+)\\s*:").matcher(text.substring(partStart, i));
                    if (key.find()) {
                        parameters.add(key.group(1));
                    }
                    partStart = i + 1;
                    if (c == ')') {
                        break;
                    }
                }
            }
            calls.add(new Call(m.group(1), parameters));
            from = i;
        }
        return calls;
    }

    /** Whether {@code index} lies inside a quoted string of its line (Groovy strings in these files are one line). */
    private static boolean insideString(String text, int index) {
        int lineStart = text.lastIndexOf('\n', index) + 1;
        int i = lineStart;
        while (i < index) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfString(text, i);
                if (end > index) {
                    return true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }

    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }
}
