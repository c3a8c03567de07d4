package hudson.slaves;

/** Stand-in of jenkins-core hudson.slaves.DumbSlave, as the harness returns it (its Slave/Node supertypes left out). */
public final class DumbSlave {

    private DumbSlave() {
        throw new UnsupportedOperationException("stand-in");
    }
}
