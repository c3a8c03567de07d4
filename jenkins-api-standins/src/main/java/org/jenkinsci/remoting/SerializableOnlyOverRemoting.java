package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stand-in of remoting's org.jenkinsci.remoting.SerializableOnlyOverRemoting. */
public interface SerializableOnlyOverRemoting extends Serializable {
}
