package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when python3 can import NumPy; otherwise skips them with a message. CI sets
 * {@code BACKPROP_REQUIRE_NUMPY=true} (and installs python3-numpy), making its absence a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NumpyCondition.class)
public @interface EnabledIfNumpy {
}
