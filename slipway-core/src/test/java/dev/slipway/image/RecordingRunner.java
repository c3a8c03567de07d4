package dev.slipway.image;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The real {@link CommandRunner#system()}, remembering every command it started, so tests can inspect argv. */
final class RecordingRunner implements CommandRunner {
    private final CommandRunner delegate = CommandRunner.system();
    final List<Command> commands = new CopyOnWriteArrayList<>();

    @Override
    public int run(Command command, Consumer<String> output) {
        commands.add(command);
        return delegate.run(command, output);
    }

    /** Every argv element and environment value of every command, one per line. */
    String everything() {
        StringBuilder out = new StringBuilder();
        for (Command command : commands) {
            command.argv().forEach(arg -> out.append(arg).append('\n'));
            command.environment().forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        }
        return out.toString();
    }
}
