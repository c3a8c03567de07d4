package jenkins;

/** Stand-in of jenkins-core jenkins.YesNoMaybe. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
