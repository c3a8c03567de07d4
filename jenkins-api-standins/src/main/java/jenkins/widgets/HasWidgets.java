package jenkins.widgets;

/** Stand-in of jenkins-core jenkins.widgets.HasWidgets. */
public interface HasWidgets {
}
