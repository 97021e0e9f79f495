package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when nginx is installed; otherwise skips them with a message. CI sets
 * {@code BACKPROP_REQUIRE_NGINX=true} (and installs nginx), making its absence a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NginxCondition.class)
public @interface EnabledIfNginx {
}
