package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port with the default limits, one application context shared by every class
 * that uses it (so tests must not count on an empty database). Progress and events come faster than by default,
 * so that tests watching them need not wait.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:service;DB_CLOSE_DELAY=-1",
        "backprop.training.event-interval=50ms", "backprop.training.progress-interval=100ms",
        "backprop.training.event-heartbeat=200ms", "backprop.training.max-listeners-per-model=3" })
public @interface ServiceTest {
}
