package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * "Slipway environments" in Manage Jenkins > System ({@code unclassified: slipway: environments:} in Configuration as
 * Code): the named environments steps deliver to, each with the jobs allowed to use it. A list with an error (a bad
 * or repeated name, an incomplete mode) is refused as a whole, naming the environment and the field.
 */
@Extension
@Symbol("slipway")
public class SlipwayEnvironments extends jenkins.model.GlobalConfiguration {

    private List<DeliveryEnvironment> environments = new ArrayList<>();

    public SlipwayEnvironments() {
        load();
    }

    /** The one instance Jenkins holds. */
    public static SlipwayEnvironments get() {
        return ExtensionList.lookupSingleton(SlipwayEnvironments.class);
    }

    public List<DeliveryEnvironment> getEnvironments() {
        return environments == null ? List.of() : List.copyOf(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<DeliveryEnvironment> environments) {
        List<DeliveryEnvironment> list = environments == null ? List.of() : List.copyOf(environments);
        EnvironmentValidator.validateAll(list.stream().map(DeliveryEnvironment::spec).toList()).stream()
                .filter(check -> check.kind() == FieldCheck.Kind.ERROR).findFirst().ifPresent(check -> {
                    throw new InvalidInputException(check.field(), check.message(), check.fix());
                });
        this.environments = new ArrayList<>(list);
        save();
    }

    /**
     * Binds the form's environments and saves them. Reads the list itself, because a form without any environment
     * sends no {@code environments} at all: binding by setters alone would then keep the list it had. A list
     * with an error is refused as a form error naming the field.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            setEnvironments(json.has("environments")
                    ? req.bindJSONToList(DeliveryEnvironment.class, json.get("environments")) : List.of());
        } catch (InvalidInputException e) {
            // shown on the form next to the field, instead of an error page
            throw new FormException(e.describe(), e.field());
        }
        return true;
    }

    /** The environments as plain values, for a step to resolve against. */
    public EnvironmentCatalog catalog() {
        return new EnvironmentCatalog(getEnvironments().stream().map(DeliveryEnvironment::spec).toList());
    }
}
