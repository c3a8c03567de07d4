package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.RegistryAuth;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway copy}: an image by digest to another repository or registry, then tags. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy an image by digest to another repository or registry (mounting blobs where possible), then set"
                + " tags. The same identity is used on both sides (a password from --password-stdin is read once, for both registries). Prints the copy as registry/repository@digest.",
        footerHeading = "%nExamples:%n",
        footer = {"  slipway copy --from devacr.azurecr.io/shop/web@sha256:<hex> \\",
            "      --to prodacr.azurecr.io/shop/web:1.4.2 --azure client-secret \\",
            "      --tenant <id> --client-id <id>   # secret in $AZURE_CLIENT_SECRET",
            "  slipway copy --from myacr.azurecr.io/shop/web@sha256:<hex> \\",
            "      --to myacr.azurecr.io/shop/web:stable -o json"})
final class CopyCommand extends EngineCommand {
    @Option(names = "--from", required = true, paramLabel = "IMAGE", description = "Source image, best by digest (repo@sha256:…).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "REPOSITORY", description = "Target repository (a tag here is used as a tag).")
    String to;

    @Option(names = {"--tag", "-t"}, paramLabel = "TAG", description = "Tag to set in the target. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Mixin
    RegistryAuthOptions auth = new RegistryAuthOptions();

    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    int run(EngineContext context) {
        ImageRef source = ImageRef.parse("--from", from);
        ImageRef target = ImageRef.parse("--to", to);
        RegistryAuth sourceAuth = auth.resolve(source.registry(), environment, standardInput);
        RegistryAuth targetAuth = source.registry().equals(target.registry()) ? sourceAuth
                : auth.resolve(target.registry(), environment, standardInput);
        CopyResult result = new Engine(transport.apply(context, environment)).copy(new CopyRequest(source, target, tagsOf(target, tags), sourceAuth,
                targetAuth, transport.transport()));
        result(result, result.image().reference());
        return OK;
    }
}
