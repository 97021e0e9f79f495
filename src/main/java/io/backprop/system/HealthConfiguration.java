package io.backprop.system;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bytedeco.javacpp.Pointer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What readiness checks besides the application's own state: that the database takes a write (a database that
 * answers reads but refuses writes fails every training and upload), and that memory is not nearly used up. A
 * replica that fails either is taken out of the load balancer's rotation rather than answering 500s.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /**
     * @param maxMemoryUse the share of the heap (live after the last collection) or of native memory in use
     *     beyond which the service is not ready
     */
    @ConfigurationProperties("backprop.health")
    record HealthProperties(@DefaultValue("0.9") double maxMemoryUse) {
    }

    /** One way memory is measured: how much is in use of how much may be. */
    record MemoryReading(String name, long used, long max) {
    }

    @Bean
    HealthIndicator storage(JdbcTemplate jdbc, StorageBudget budget, Clock clock) {
        return () -> {
            try {
                int written = jdbc.update("UPDATE health_probe SET checked_at = ? WHERE id = 1",
                        java.sql.Timestamp.from(clock.instant()));
                Health.Builder health = written == 1 ? Health.up() : Health.down().withDetail("error", "no probe row");
                return health.withDetail("storedBytes", budget.used()).build();
            }
            catch (RuntimeException e) {
                return Health.down().withDetail("error", "the database does not take writes: "
                        + e.getClass().getSimpleName()).build();
            }
        };
    }

    @Bean
    HealthIndicator memory(HealthProperties properties) {
        return memoryIndicator(properties.maxMemoryUse(), HealthConfiguration::readings);
    }

    static HealthIndicator memoryIndicator(double maxUse, Supplier<List<MemoryReading>> readings) {
        return () -> {
            Health.Builder health = Health.up();
            for (MemoryReading reading : readings.get()) {
                double use = reading.max() > 0 ? (double) reading.used() / reading.max() : 0;
                health.withDetail(reading.name(), Bytes.describe(reading.used()) + " of "
                        + Bytes.describe(reading.max()));
                if (use > maxUse) {
                    health.down().withDetail("error", reading.name() + " is " + Math.round(use * 100) + "% used");
                }
            }
            return health.build();
        };
    }

    /** The heap's long-lived objects after the last collection, and the native memory ND4J's buffers hold. */
    private static List<MemoryReading> readings() {
        List<MemoryReading> readings = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null && afterCollection.getMax() > 0
                    && pool.isCollectionUsageThresholdSupported() && isOldGeneration(pool.getName())) {
                readings.add(new MemoryReading("heap (" + pool.getName() + ")", afterCollection.getUsed(),
                        afterCollection.getMax()));
            }
        }
        readings.add(new MemoryReading("native", Pointer.totalBytes(), Pointer.maxBytes()));
        return readings;
    }

    private static boolean isOldGeneration(String pool) {
        return pool.contains("Old") || pool.contains("Tenured");
    }
}
