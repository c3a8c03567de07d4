package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;
import jenkins.util.io.OnMaster;

/** Stand-in of jenkins-core hudson.ExtensionList. */
public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in");
    }
}
