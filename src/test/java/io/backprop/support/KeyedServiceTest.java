package io.backprop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service as a team deploys it: listening on every interface, so that every request needs a key, with
 * the admin key {@link #ADMIN_KEY}; small quotas, rate limits and cost ceiling, to reach them cheaply. One context
 * shared by the classes that use it; each test works as owners of its own, so that their quotas do not meet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:keyed;DB_CLOSE_DELAY=-1", "server.address=0.0.0.0",
        "backprop.security.admin-key=" + KeyedServiceTest.ADMIN_KEY,
        "backprop.security.quotas.max-active-jobs=2", "backprop.security.quotas.max-models=3",
        "backprop.security.quotas.max-dataset-rows=10",
        "backprop.security.rate-limits.predictions=5", "backprop.security.rate-limits.predictions-period=1m",
        "backprop.limits.max-training-flops=2e10" })
public @interface KeyedServiceTest {

    String ADMIN_KEY = "test-admin-key-0123456789abcdef0123456789abcdef";
}
