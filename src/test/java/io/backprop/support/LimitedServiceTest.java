package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service with small limits, to reach them cheaply: 1 MB bodies (4 MB uploads, one at a time; bodies
 * judged slow after 3 s of waiting), 1 MB models, an 8 MB prediction cache. One context shared by the classes that use
 * it; they leave no model behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:limited;DB_CLOSE_DELAY=-1",
        "backprop.limits.max-request-size=1MB", "backprop.limits.max-upload-size=4MB",
        "backprop.limits.max-concurrent-uploads=1", "backprop.limits.body-rate-window=3s",
        "backprop.limits.max-model-bytes=1MB",
        "backprop.models.cache-bytes=8MB" })
public @interface LimitedServiceTest {
}
