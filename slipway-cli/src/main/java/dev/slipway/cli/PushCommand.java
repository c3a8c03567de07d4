package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway push}: an OCI layout to a registry by digest, then tags. Prints {@code registry/repo@digest}. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push an OCI layout (folder or OCI archive) to a registry by digest, then set tags."
                + " Prints the pushed image as registry/repository@digest.",
        footerHeading = "%nExamples:%n",
        footer = {"  slipway push --layout .slipway/oci-layout --image myacr.azurecr.io/shop/web \\",
            "      --tag 1.4.2 --azure workload-identity",
            "  printf '%s' \"$TOKEN\" | slipway push --layout image.tar \\",
            "      --image registry.example/shop/web --username ci --password-stdin -o json"})
final class PushCommand extends EngineCommand {
    @Option(names = "--layout", required = true, paramLabel = "PATH",
            description = "OCI layout folder or OCI archive (tar), inside the workspace.")
    String layout;

    @Option(names = "--image", required = true, paramLabel = "REPOSITORY",
            description = "Where to push, e.g. myacr.azurecr.io/shop/web (a tag here is used as a tag).")
    String image;

    @Option(names = {"--tag", "-t"}, paramLabel = "TAG", description = "Tag to set after the push. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Mixin
    RegistryAuthOptions auth = new RegistryAuthOptions();

    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    int run(EngineContext context) {
        ImageRef target = ImageRef.parse("--image", image);
        PushResult result = new Engine(transport.apply(context, environment)).push(new PushRequest(layout, target, tagsOf(target, tags),
                auth.resolve(target.registry(), environment, standardInput), transport.transport()));
        result(result, result.image().reference());
        return OK;
    }
}
