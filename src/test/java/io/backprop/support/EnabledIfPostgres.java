package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when PostgreSQL answers at {@link TestPostgres#URL}; otherwise skips them with
 * a message. CI sets {@code BACKPROP_REQUIRE_POSTGRES=true}, which turns a missing database into a failure.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
public @interface EnabledIfPostgres {
}
