package dev.slipway.registry;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Events;
import java.nio.file.Path;
import java.util.List;

/** Pushes a layout in a JVM of its own (run by {@link LargeImagePushTest} with a small heap). Prints the image. */
public final class LargePushMain {
    private LargePushMain() {
    }

    public static void main(String[] args) {
        Path layout = Path.of(args[0]);
        ImageRef target = ImageRef.parse(args[1]);
        PushResult result = new Engine(new EngineContext(layout.getParent(), Events.silent())).push(new PushRequest(
                layout.getFileName().toString(), target, List.of("big"), new RegistryAuth.Anonymous(),
                RegistryTransport.defaults().withPlainHttp(target.registry())));
        System.out.println(result.image().reference() + " " + result.sizeBytes());
    }
}
