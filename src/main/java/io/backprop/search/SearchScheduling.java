package io.backprop.search;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link SearchRunner}'s sweep on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SearchScheduling {
}
