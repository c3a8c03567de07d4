package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.kohsuke.stapler.interceptor.InterceptorAnnotation;

/**
 * Stand-in of stapler's POST. The real meta-annotation names HttpVerbInterceptor at stage SELECTION; the stand-in
 * names Object, as nothing here reads it (Stapler does, in Jenkins).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@InterceptorAnnotation(Object.class)
public @interface POST {
}
