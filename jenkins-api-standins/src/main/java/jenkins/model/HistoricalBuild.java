package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.HistoricalBuild. */
public interface HistoricalBuild extends FullyNamedModelObject {
}
