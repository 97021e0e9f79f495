package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when Debian's Chromium and ChromeDriver are installed; otherwise skips them with
 * a message. CI sets {@code BACKPROP_REQUIRE_BROWSER=true} (and installs both), making their absence a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface EnabledIfBrowser {
}
