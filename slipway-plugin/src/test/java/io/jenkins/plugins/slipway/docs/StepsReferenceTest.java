package io.jenkins.plugins.slipway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.docs.GeneratedDoc;
import io.jenkins.plugins.slipway.steps.AcrBuildStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/reference/steps.md is what the plugin's classes generate, and the generator finds steps by itself. */
class StepsReferenceTest {

    @Test
    void theCommittedStepsReferenceIsWhatTheCodeGenerates() {
        String problem = GeneratedDoc.at("docs/reference/steps.md", StepsReference.UPDATE_COMMAND)
                .compareOrUpdate(StepsReference.render());

        assertThat(problem).as("docs/reference/steps.md").isNull();
    }

    @Test
    void everyStepOfThePluginIsFoundFromItsSymbolWithoutAList() {
        List<StepsReference.StepDoc> steps = StepsReference.steps(StepsReference.pluginClasses());

        assertThat(steps).extracting(StepsReference.StepDoc::symbol).contains("acrBuild", "withAcr", "slipwayVersion")
                .doesNotHaveDuplicates();
        assertThat(steps).filteredOn(s -> s.symbol().equals("withAcr")).singleElement()
                .satisfies(s -> assertThat(s.block()).isTrue());
        assertThat(steps).filteredOn(s -> s.symbol().equals("acrBuild")).singleElement()
                .satisfies(s -> assertThat(s.block()).isFalse());
    }

    @Test
    void requiredParametersComeFromTheConstructorAndOptionalOnesFromTheSettersWithTheirHelp() {
        StepsReference.StepDoc acrBuild = StepsReference.steps(List.of(AcrBuildStep.DescriptorImpl.class)).get(0);

        assertThat(acrBuild.fields().get(0)).isEqualTo(new StepsReference.Field("image", "String", true,
                "The repository to push to, without tag or digest, e.g. `shop.azurecr.io/shop/web`. Required."));
        assertThat(acrBuild.fields()).extracting(StepsReference.Field::name).containsExactly("image", "buildArgs",
                "context", "credentialsId", "dockerfile", "environment", "labels", "platform", "secrets", "tags", "target");
        assertThat(acrBuild.fields()).filteredOn(f -> !f.name().equals("image"))
                .allSatisfy(f -> assertThat(f.required()).isFalse());
    }

    @Test
    void aNewStepClassIsRenderedWithTypesBlockAndHelpAsMarkdown() {
        String page = StepsReference.render(StepsReference.steps(List.of(ExampleBlockStep.DescriptorImpl.class)));

        assertThat(page).contains(
                "- [`exampleBlock`](#exampleblock) (block)",
                "### `exampleBlock`\n\nPipeline block step · `io.jenkins.plugins.slipway.docs.ExampleBlockStep`",
                "Runs the block with a `KUBECONFIG` for the cluster & removes it afterwards.\n\nNotes:\n\n"
                        + "- one **bold** point\n- see [the docs](https://example.com/docs)",
                "exampleBlock(cluster: '…', replicas: 1) {\n    // steps\n}",
                "- `cluster` (String, required): The cluster, e.g. `aks-prod`. Values like `a|b` stay in code; a \\<tag\\>"
                        + " in text is escaped, and \\*stars\\* too.",
                "- `replicas` (int, required)\n",
                "- `dryRun` (boolean)\n",
                "- `namespaces` (List<String>): Namespaces.\n\n  ```\n  ns-a\n  ns-b\n  ```");
    }
}
