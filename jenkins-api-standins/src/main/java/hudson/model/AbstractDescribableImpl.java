package hudson.model;

/** Stand-in of jenkins-core hudson.model.AbstractDescribableImpl (deprecated since 2.505, still Step's superclass). */
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    public AbstractDescribableImpl() {
        throw new UnsupportedOperationException("stand-in");
    }
}
