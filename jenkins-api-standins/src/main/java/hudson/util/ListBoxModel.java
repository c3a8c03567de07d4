package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in of jenkins-core hudson.util.ListBoxModel. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public ListBoxModel() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of hudson.util.ListBoxModel.Option. */
    public static final class Option {
        public Option(String name, String value) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
