package org.jenkins.ui.icon;

/** Stand-in of jenkins-core org.jenkins.ui.icon.IconSpec. */
public interface IconSpec {
}
