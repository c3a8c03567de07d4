package hudson.model;

/** Stand-in of jenkins-core hudson.model.ResourceController (Queue's superclass; see the supplement). */
public class ResourceController {

    public ResourceController() {
        throw new UnsupportedOperationException("stand-in");
    }
}
