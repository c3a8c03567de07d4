package hudson.remoting;

/** Stand-in of remoting's hudson.remoting.VirtualChannel. */
public interface VirtualChannel {
}
