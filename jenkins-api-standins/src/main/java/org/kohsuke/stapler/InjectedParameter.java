package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in of stapler's InjectedParameter (meta-annotation of QueryParameter and AncestorInPath). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
@Documented
public @interface InjectedParameter {
    // real: Class<? extends AnnotationHandler> (same erasure); AnnotationHandler is not stood in
    Class<?> value();
}
