package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Stand-in of jenkins-core hudson.FilePath. */
public final class FilePath implements SerializableOnlyOverRemoting {

    public FilePath(File localPath) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of hudson.FilePath.FileCallable. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
