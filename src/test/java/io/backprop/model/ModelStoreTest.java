package io.backprop.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.backprop.dataset.DatasetColumns;
import io.backprop.dataset.RowStore;
import io.backprop.system.AdmissionLock;
import io.backprop.system.PersistenceConfiguration;
import io.backprop.training.JobProperties;
import io.backprop.training.JobWorkers;
import io.backprop.training.TrainingEvents;

/**
 * The model tables and what records in them, on the embedded database, without the web or the job queue: one
 * context for every class that uses it, each test rolled back. The clock stands at {@link #NOW}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataJdbcTest
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({PersistenceConfiguration.class, ModelColumns.class, DatasetColumns.class, ModelJournal.class, RowStore.class,
        AdmissionLock.class, Receipts.class, ModelViews.class, JobWorkers.class, TrainingEvents.class,
        ModelStoreTest.FixedClock.class})
@EnableConfigurationProperties(JobProperties.class)
@interface ModelStoreTest {

    Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @TestConfiguration
    class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
