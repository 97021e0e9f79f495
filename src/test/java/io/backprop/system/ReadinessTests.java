package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.BackpropApplication;
import io.backprop.support.ApiClient;

/** Readiness tells the truth: DOWN when the database stops taking writes or memory is nearly used up. */
class ReadinessTests {

    @Test
    void databaseThatClosedShouldMakeTheServiceNotReadyButStillLive() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BackpropApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:health-" + UUID.randomUUID())) {
            ApiClient api = new ApiClient(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            api.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

            // what H2 does after an OutOfMemoryError: it closes the database
            app.getBean(JdbcTemplate.class).execute("SHUTDOWN");

            api.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            api.http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        }
    }

    @Test
    void memoryNearlyUsedUpShouldBeDown() {
        Health almostFull = HealthConfiguration.memoryIndicator(0.9, () -> List.of(
                new HealthConfiguration.MemoryReading("heap", 50, 100),
                new HealthConfiguration.MemoryReading("native", 95, 100))).health(true);
        Health roomy = HealthConfiguration.memoryIndicator(0.9, () -> List.of(
                new HealthConfiguration.MemoryReading("heap", 50, 100))).health(true);

        assertThat(almostFull.getStatus()).isEqualTo(Status.DOWN);
        assertThat(almostFull.getDetails().get("error")).isEqualTo("native is 95% used");
        assertThat(roomy.getStatus()).isEqualTo(Status.UP);
    }
}
