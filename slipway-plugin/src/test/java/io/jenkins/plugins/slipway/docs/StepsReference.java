package io.jenkins.plugins.slipway.docs;

import dev.slipway.testsupport.docs.Markdown;
import io.jenkins.plugins.slipway.SlipwayVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Renders docs/reference/steps.md from the plugin's compiled classes: every class with a {@code @Symbol} descriptor
 * whose describable is a Pipeline {@code Step} or a freestyle {@code Builder} (found by reading the class folder, not
 * from a list), with its {@code help.html}, the {@code @DataBoundConstructor} parameters (required; names from
 * {@code -parameters}) and the {@code @DataBoundSetter}s (optional), each with the text of its
 * {@code help-<field>.html}. Reflection only: no Jenkins code runs (the stand-ins would throw).
 */
public final class StepsReference {
    static final String UPDATE_COMMAND = "./mvnw -q -pl slipway-plugin -am test -Dtest=StepsReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dslipway.docs.update=true";

    private static final String PIPELINE_STEP = "org.jenkinsci.plugins.workflow.steps.Step";
    private static final String BUILDER = "hudson.tasks.Builder";

    /** One documented step. */
    record StepDoc(String symbol, Class<?> type, boolean pipeline, boolean block, String help, List<Field> fields) {
    }

    /** One parameter: a constructor parameter (required) or a setter (optional). */
    record Field(String name, String type, boolean required, String help) {
    }

    private StepsReference() {
    }

    /** The page, from the classes of this plugin's build output. */
    public static String render() {
        return render(steps(pluginClasses()));
    }

    static String render(List<StepDoc> steps) {
        StringBuilder out = new StringBuilder();
        out.append("# Pipeline steps and build steps reference\n\n");
        out.append("<!-- Generated from the plugin's classes by ").append(StepsReference.class.getName())
                .append("; do not edit. StepsReferenceTest fails when this page differs from the code; to regenerate:\n")
                .append("     ").append(UPDATE_COMMAND).append(" -->\n\n");
        out.append("Every step of the Slipway plugin, generated from the step classes and their help files, so it says")
                .append(" what the Snippet Generator and the job form say. Parameters of the constructor are required;")
                .append(" the others are optional. Credentials are given by id and resolved on the controller; no")
                .append(" parameter holds a secret. See [getting started](../getting-started.md) for a first Pipeline,")
                .append(" [credentials and roles](../credentials-and-roles.md) for the credential types, and")
                .append(" [troubleshooting](../troubleshooting.md) for the error messages.\n\n");
        group("Pipeline steps", steps.stream().filter(StepDoc::pipeline).toList(), out);
        group("Build steps (freestyle jobs)", steps.stream().filter(s -> !s.pipeline()).toList(), out);
        return out.toString().stripTrailing() + "\n";
    }

    /** A heading, the list of its steps with links, then each step. */
    private static void group(String heading, List<StepDoc> steps, StringBuilder out) {
        if (steps.isEmpty()) {
            return;
        }
        out.append("## ").append(heading).append("\n\n");
        for (StepDoc step : steps) {
            out.append("- [`").append(step.symbol()).append("`](#").append(Markdown.anchor(step.symbol()))
                    .append(")").append(step.block() ? " (block)" : "").append('\n');
        }
        for (StepDoc step : steps) {
            out.append('\n');
            step(step, out);
        }
        out.append('\n');
    }

    private static void step(StepDoc step, StringBuilder out) {
        out.append("### `").append(step.symbol()).append("`\n\n");
        out.append(step.pipeline() ? (step.block() ? "Pipeline block step" : "Pipeline step")
                        : "Build step for freestyle jobs (in a Pipeline, call it by its symbol)")
                .append(" · `").append(step.type().getName()).append("`\n\n");
        if (!step.help().isEmpty()) {
            out.append(step.help()).append("\n\n");
        }
        out.append("```groovy\n").append(synopsis(step)).append("\n```\n");
        if (!step.fields().isEmpty()) {
            out.append("\nParameters:\n\n");
            for (Field field : step.fields()) {
                out.append("- `").append(field.name()).append("` (").append(field.type())
                        .append(field.required() ? ", required" : "").append(")");
                if (field.help().isEmpty()) {
                    out.append('\n');
                } else {
                    out.append(": ").append(field.help().replace("\n", "\n  ").replaceAll("\n  \n", "\n\n"))
                            .append('\n');
                }
            }
        }
    }

    /** e.g. {@code acrBuild(image: '…', tags: '…')}: the required parameters, and the block where there is one. */
    private static String synopsis(StepDoc step) {
        List<String> required = step.fields().stream().filter(Field::required)
                .map(f -> f.name() + ": " + example(f.type())).toList();
        if (step.block()) {
            return step.symbol() + (required.isEmpty() ? "" : "(" + String.join(", ", required) + ")") + " {\n    // steps\n}";
        }
        return step.symbol() + "(" + String.join(", ", required) + ")";
    }

    private static String example(String type) {
        return switch (type) {
            case "String" -> "'…'";
            case "boolean" -> "true";
            case "int", "long", "Integer", "Long" -> "1";
            default -> "…";
        };
    }

    /** Every documented step among {@code classes}: Pipeline steps first, then build steps, each by symbol. */
    static List<StepDoc> steps(List<Class<?>> classes) {
        List<StepDoc> steps = new ArrayList<>();
        for (Class<?> descriptor : classes) {
            Symbol symbol = descriptor.getDeclaredAnnotation(Symbol.class);
            Class<?> describable = descriptor.getEnclosingClass();
            if (symbol == null || symbol.value().length == 0 || describable == null) {
                continue;
            }
            boolean pipeline = extendsClass(describable, PIPELINE_STEP);
            if (!pipeline && !extendsClass(describable, BUILDER)) {
                continue;
            }
            boolean block = Arrays.stream(descriptor.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals("takesImplicitBlockArgument") && m.getParameterCount() == 0);
            steps.add(new StepDoc(symbol.value()[0], describable, pipeline, block, help(describable, "help.html"),
                    fields(describable)));
        }
        steps.sort(Comparator.comparing((StepDoc s) -> !s.pipeline()).thenComparing(StepDoc::symbol));
        return steps;
    }

    private static boolean extendsClass(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<Field> fields(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        List<Constructor<?>> constructors = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).toList();
        if (constructors.size() != 1) {
            throw new IllegalStateException(type.getName() + " has " + constructors.size()
                    + " @DataBoundConstructors; a step needs exactly one");
        }
        for (Parameter parameter : constructors.get(0).getParameters()) {
            if (!parameter.isNamePresent()) {
                throw new IllegalStateException(type.getName() + " was compiled without -parameters: its constructor"
                        + " parameters have no names");
            }
            fields.put(parameter.getName(), field(type, parameter.getName(), parameter.getParameterizedType(), true));
        }
        List<Field> optional = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class) && method.getParameterCount() == 1
                    && method.getName().startsWith("set") && method.getName().length() > 3) {
                String name = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                optional.add(field(type, name, method.getGenericParameterTypes()[0], false));
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(DataBoundSetter.class)) {
                    optional.add(field(type, field.getName(), field.getGenericType(), false));
                }
            }
        }
        optional.sort(Comparator.comparing(Field::name));
        optional.forEach(f -> fields.putIfAbsent(f.name(), f));
        return List.copyOf(fields.values());
    }

    private static Field field(Class<?> type, String name, Type javaType, boolean required) {
        return new Field(name, typeName(javaType), required, help(type, "help-" + name + ".html"));
    }

    /** {@code java.util.List<java.lang.String>} → {@code List<String>}. */
    static String typeName(Type type) {
        return type.getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace('$', '.');
    }

    private static String help(Class<?> type, String file) {
        String resource = "/" + type.getName().replace('.', '/').replace('$', '/') + "/" + file;
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in == null ? "" : HelpHtml.toMarkdown(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes of the plugin's build output (the folder or jar {@link SlipwayVersion} was loaded from). */
    static List<Class<?>> pluginClasses() {
        Path root;
        try {
            root = Path.of(SlipwayVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the plugin's classes are not a folder: " + root);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                String name = relative.substring(0, relative.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                classes.add(Class.forName(name, false, StepsReference.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
