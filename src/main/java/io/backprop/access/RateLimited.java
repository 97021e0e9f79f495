package io.backprop.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Each request to this endpoint takes a token from the calling key's bucket of this kind ({@link RateLimits}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    Kind value();

    enum Kind {
        /** Predictions and evaluations. */
        PREDICTIONS,
        /** Training requests and data-set uploads. */
        TRAINING
    }
}
