package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** Stand-in of credentials' Credentials. */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
