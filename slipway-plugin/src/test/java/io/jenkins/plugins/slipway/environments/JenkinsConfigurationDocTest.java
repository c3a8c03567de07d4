package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Configuration as Code example of docs/jenkins-configuration.md is real: under {@code unclassified}, each key is
 * the {@code @Symbol} of a describable of this plugin (read from the plugin's own @Symbol index), every key below it
 * names a {@code @DataBoundConstructor} parameter or {@code @DataBoundSetter} of that class, list items are checked
 * against the list's element type, and the environments it defines, bound the way Jenkins binds them, are valid.
 */
class JenkinsConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "jenkins-configuration.md");

    @Test
    @SuppressWarnings("unchecked")
    void everyKeyOfTheExampleNamesARealPropertyAndTheEnvironmentsAreValid() throws Exception {
        Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(exampleYaml());
        Map<String, Object> unclassified = (Map<String, Object>) yaml.get("unclassified");
        assertThat(unclassified).as("unclassified:").containsOnlyKeys("slipway");
        Map<String, Class<?>> symbols = symbols();

        Class<?> configuration = symbols.get("slipway");
        assertThat(configuration).isEqualTo(SlipwayEnvironments.class);
        checkKeys(configuration, (Map<String, Object>) unclassified.get("slipway"), "slipway");

        List<Map<String, Object>> environments = (List<Map<String, Object>>)
                ((Map<String, Object>) unclassified.get("slipway")).get("environments");
        assertThat(environments).extracting(e -> e.get("name")).containsExactly("dev", "staging", "prod");
        List<EnvironmentSpec> specs = new ArrayList<>();
        for (Map<String, Object> environment : environments) {
            specs.add(((DeliveryEnvironment) bind(DeliveryEnvironment.class, environment)).spec());
        }
        assertThat(EnvironmentValidator.validateAll(specs)).as("problems of the example's environments").isEmpty();
        assertThat(specs.get(1).allowedJobs()).containsExactly("shop/**", "release/*");
        assertThat(symbols.get("environment")).isEqualTo(DeliveryEnvironment.class);
    }

    /** Checks {@code keys} against {@code type}'s bindable properties, and list items against the element type. */
    @SuppressWarnings("unchecked")
    private static void checkKeys(Class<?> type, Map<String, Object> keys, String where) {
        Map<String, Type> properties = properties(type);
        assertThat(properties.keySet()).as("properties of " + type.getSimpleName() + " for " + where)
                .containsAll(keys.keySet());
        keys.forEach((key, value) -> {
            if (value instanceof List<?> list && properties.get(key) instanceof ParameterizedType listType) {
                Class<?> element = (Class<?>) listType.getActualTypeArguments()[0];
                for (Object item : list) {
                    checkKeys(element, (Map<String, Object>) item, where + "." + key);
                }
            }
        });
    }

    /** {@code @DataBoundConstructor} parameters and {@code @DataBoundSetter}s with their (generic) types. */
    private static Map<String, Type> properties(Class<?> type) {
        Map<String, Type> properties = new HashMap<>();
        Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .flatMap(c -> Arrays.stream(c.getParameters()))
                .forEach(p -> properties.put(p.getName(), p.getParameterizedType()));
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                properties.put(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4),
                        method.getGenericParameterTypes()[0]);
            }
        }
        return properties;
    }

    /** Constructs and sets like Stapler and Configuration as Code do: constructor parameters, then setters. */
    private static Object bind(Class<?> type, Map<String, Object> values) throws Exception {
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        Object[] arguments = Arrays.stream(constructor.getParameters())
                .map(p -> text(values.get(p.getName()))).toArray();
        Object bound = constructor.newInstance(arguments);
        for (Method method : type.getMethods()) {
            String property = method.getName().length() > 3
                    ? Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4) : "";
            if (method.isAnnotationPresent(DataBoundSetter.class) && values.containsKey(property)) {
                method.invoke(bound, text(values.get(property)));
            }
        }
        return bound;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The plugin's @Symbol index (generated by the build), each symbol mapped to its describable. */
    private static Map<String, Class<?>> symbols() throws Exception {
        Map<String, Class<?>> symbols = new HashMap<>();
        ClassLoader loader = JenkinsConfigurationDocTest.class.getClassLoader();
        for (URL index : Collections.list(loader.getResources("META-INF/services/annotations/org.jenkinsci.Symbol"))) {
            try (InputStream in = index.openStream();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line : reader.lines().filter(l -> !l.isBlank()).toList()) {
                    Class<?> annotated = Class.forName(line.strip(), false, loader);
                    Class<?> describable = Optional.<Class<?>>ofNullable(annotated.getEnclosingClass()).orElse(annotated);
                    for (String symbol : annotated.getAnnotation(Symbol.class).value()) {
                        symbols.put(symbol, describable);
                    }
                }
            }
        }
        return symbols;
    }

    private static String exampleYaml() throws Exception {
        Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        while (blocks.find()) {
            if (blocks.group(1).startsWith("unclassified:")) {
                return blocks.group(1);
            }
        }
        throw new AssertionError("no ```yaml block starting with unclassified: in " + DOC);
    }
}
