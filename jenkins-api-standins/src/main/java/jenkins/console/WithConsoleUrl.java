package jenkins.console;

/** Stand-in of jenkins-core jenkins.console.WithConsoleUrl. */
public interface WithConsoleUrl {
}
