package dev.slipway.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What Slipway reads from a Dockerfile itself: its base images, to name them when a pull fails. */
final class Dockerfiles {
    private Dockerfiles() {}

    /** The images of the {@code FROM} lines, without {@code scratch} and earlier stage names; empty if unreadable. */
    static List<String> baseImages(Path dockerfile) {
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        try {
            for (String raw : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
                String[] words = raw.strip().split("\\s+");
                if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                    continue;
                }
                int i = 1;
                while (i < words.length && words[i].startsWith("--")) {
                    i++;
                }
                if (i >= words.length) {
                    continue;
                }
                String image = words[i];
                if (!image.equalsIgnoreCase("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                    images.add(image);
                }
                if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                    stages.add(words[i + 2].toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        return List.copyOf(images);
    }
}
