package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway push}: an OCI layout to a registry by digest, then tags. Prints {@code registry/repo@digest}. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push an OCI layout (folder or OCI archive) to a registry by digest, then set tags."
                + " Prints the pushed image as registry/repository@digest.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:pushed", "1:failed", "2:bad input", "3:authentication refused", "4:timed out"})
final class PushCommand extends EngineCommand {
    @Option(names = "--layout", required = true, paramLabel = "PATH", description = "OCI layout folder or OCI archive (tar).")
    Path layout;

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
        ImageRef target = ImageRef.parse("image", image);
        PushResult result = new Engine(transport.apply(context, environment)).push(new PushRequest(layout.toAbsolutePath().normalize().toString(), target,
                tagsOf(target, tags), auth.resolve(target.registry(), environment, stdin), transport.transport()));
        printImage(result.image());
        return OK;
    }
}
