package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

import io.backprop.access.AccessMode;
import io.backprop.access.AccessProperties;
import io.backprop.access.SecurityConfiguration;
import io.backprop.system.RequestLimits;
import io.backprop.web.JsonBinding;
import io.backprop.web.JsonConfiguration;
import io.backprop.web.Links;
import io.backprop.web.ProblemResponses;
import io.backprop.web.RejectedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.backprop.web.WebProperties;

/**
 * A controller's HTTP side alone, with the service's own web plumbing (strict JSON, problems, security headers
 * and cross-site guard, links) and stand-ins for everything behind it: no database, no engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({SecurityConfiguration.class, AccessMode.class, JsonConfiguration.class, JsonBinding.class, Links.class,
        ProblemResponses.class, RejectedRequests.class, SimpleMeterRegistry.class})
@EnableConfigurationProperties({WebProperties.class, RequestLimits.class, AccessProperties.class})
public @interface ControllerTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
