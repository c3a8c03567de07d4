package jenkins.util.io;

/** Stand-in of jenkins-core jenkins.util.io.OnMaster. */
public interface OnMaster {
}
