package io.jenkins.plugins.slipway.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import io.jenkins.plugins.slipway.environments.DeliveryEnvironment;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.freestyle.DeliverBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What only a real Jenkins would otherwise catch: every form field in a step's {@code config.jelly} binds to a real
 * {@code @DataBoundConstructor} parameter or {@code @DataBoundSetter} (with a getter for the form to read back), every
 * bindable property is on the form, and each has a {@code help-<field>.html}. Reads the classes by reflection only.
 */
class StepFormsTest {

    @ParameterizedTest
    @ValueSource(classes = {AcrBuildStep.class, WithAcrStep.class, AcrCopyStep.class, AksDeployStep.class, WithAksStep.class,
            GitOpsUpdateStep.class, WaitForSyncStep.class,
            DeliverBuilder.class, DeliveryEnvironment.class})
    void everyFieldOfTheFormBindsToTheStepAndHasHelp(Class<?> step) throws Exception {
        Set<String> formFields = formFields(step);
        Set<String> bindable = bindableProperties(step);

        assertThat(formFields).as("fields in config.jelly of " + step.getSimpleName()).isNotEmpty();
        assertThat(bindable).as("@DataBoundConstructor parameters and @DataBoundSetters").containsAll(formFields);
        assertThat(formFields).as("every bindable property is on the form").containsAll(bindable);
        for (String field : formFields) {
            assertThat(step.getResource(step.getSimpleName() + "/help-" + field + ".html")).as("help-" + field + ".html").isNotNull();
            String getter = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
            assertThat(Arrays.stream(step.getMethods()).map(Method::getName)).as("getter for " + field).contains(getter);
        }
        assertThat(step.getResource(step.getSimpleName() + "/help.html")).as("help.html").isNotNull();
    }

    /** The global configuration has no @DataBoundConstructor: its form binds to its @DataBoundSetters. */
    @Test
    void theGlobalEnvironmentsFormBindsToItsSettersAndHasHelp() throws Exception {
        Class<?> configuration = SlipwayEnvironments.class;
        Set<String> setters = Arrays.stream(configuration.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(formFields(configuration)).isEqualTo(setters).containsExactly("environments");
        assertThat(configuration.getResource("SlipwayEnvironments/help-environments.html")).isNotNull();
    }

    /**
     * Every validation and drop-down endpoint of a form is {@code @POST} (Stapler then refuses GET, so a link cannot
     * trigger it) and is named for a field of that form ({@code doCheckImage} for {@code image}).
     */
    @ParameterizedTest
    @ValueSource(classes = {DeliverBuilder.class, DeliveryEnvironment.class})
    void formEndpointsArePostAndNameAFieldOfTheForm(Class<?> describable) throws Exception {
        Class<?> descriptor = Class.forName(describable.getName() + "$DescriptorImpl");
        Set<String> fields = formFields(describable);
        List<Method> endpoints = Arrays.stream(descriptor.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("doCheck") || m.getName().startsWith("doFill")).toList();

        assertThat(endpoints).as("endpoints of " + descriptor.getName()).isNotEmpty();
        for (Method endpoint : endpoints) {
            assertThat(endpoint.isAnnotationPresent(POST.class)).as("@POST on " + endpoint.getName()).isTrue();
            String name = endpoint.getName().startsWith("doCheck") ? endpoint.getName().substring("doCheck".length())
                    : endpoint.getName().substring("doFill".length(), endpoint.getName().length() - "Items".length());
            assertThat(fields).as("field of " + endpoint.getName())
                    .contains(Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {GitOpsUpdateStep.class, WaitForSyncStep.class, AcrCopyStep.class, AksDeployStep.class,
            WithAksStep.class})
    void everyDropDownAndCheckOfTheDescriptorIsAPostForARealFieldAndEveryCredentialSelectHasItsList(Class<?> step)
            throws Exception {
        Set<String> formFields = formFields(step);
        Class<?> descriptor = Class.forName(step.getName() + "$DescriptorImpl");
        Set<String> filled = new TreeSet<>();
        for (Method method : descriptor.getDeclaredMethods()) {
            String name = method.getName();
            String field = name.startsWith("doFill") && name.endsWith("Items") ? name.substring(6, name.length() - 5)
                    : name.startsWith("doCheck") ? name.substring(7) : null;
            if (field == null) {
                continue;
            }
            field = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            assertThat(formFields).as(name + " is for a field of the form").contains(field);
            assertThat(method.isAnnotationPresent(org.kohsuke.stapler.verb.POST.class)).as(name + " is @POST").isTrue();
            assertThat(java.lang.reflect.Modifier.isPublic(method.getModifiers())).as(name + " is public").isTrue();
            if (name.startsWith("doFill")) {
                filled.add(field);
                assertThat(method.getParameters()[1].getName()).as("the current value parameter of " + name).isEqualTo(field);
            }
        }
        assertThat(filled).as("fields with <c:select/> have a doFill…Items").isEqualTo(credentialSelects(step));
    }

    private static Set<String> credentialSelects(Class<?> step) throws Exception {
        Document jelly;
        try (InputStream in = resource(step, "config.jelly")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            jelly = factory.newDocumentBuilder().parse(in);
        }
        Set<String> fields = new TreeSet<>();
        NodeList selects = jelly.getElementsByTagNameNS("/lib/credentials", "select");
        for (int i = 0; i < selects.getLength(); i++) {
            fields.add(((Element) selects.item(i).getParentNode()).getAttribute("field"));
        }
        return fields;
    }

    private static Set<String> formFields(Class<?> step) throws Exception {
        Document jelly;
        try (InputStream in = resource(step, "config.jelly")) {
            assertThat(in).as("config.jelly of " + step.getSimpleName()).isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            jelly = factory.newDocumentBuilder().parse(in);
        }
        Set<String> fields = new TreeSet<>();
        NodeList all = jelly.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("field")) {
                fields.add(element.getAttribute("field"));
            }
        }
        return fields;
    }

    private static Set<String> bindableProperties(Class<?> step) {
        Set<String> names = new LinkedHashSet<>();
        List<Constructor<?>> constructors = Arrays.stream(step.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).toList();
        assertThat(constructors).as("one @DataBoundConstructor").hasSize(1);
        for (Parameter parameter : constructors.get(0).getParameters()) {
            assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
            names.add(parameter.getName());
        }
        names.addAll(Arrays.stream(step.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
                .collect(Collectors.toCollection(TreeSet::new)));
        return names;
    }

    private static InputStream resource(Class<?> step, String name) throws IOException {
        return step.getResourceAsStream(step.getSimpleName() + "/" + name);
    }
}
