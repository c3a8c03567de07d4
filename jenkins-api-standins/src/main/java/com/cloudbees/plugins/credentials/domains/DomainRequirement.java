package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Stand-in of credentials' DomainRequirement. */
public class DomainRequirement implements ExtensionPoint, Serializable {

    public DomainRequirement() {
        throw new UnsupportedOperationException("stand-in");
    }
}
