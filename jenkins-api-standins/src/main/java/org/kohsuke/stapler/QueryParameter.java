package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in of stapler's QueryParameter. The real meta-annotation names its HandlerImpl; the stand-in names Object, as nothing
 * here reads it (Stapler does, in Jenkins).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(Object.class)
public @interface QueryParameter {
    String value() default "";
}
