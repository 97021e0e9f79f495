package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.RowSource;
import io.backprop.network.TrainingOptions;
import io.backprop.network.WeightInit;
import io.backprop.preprocessing.RowTransform;
import io.backprop.preprocessing.Scaling;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ImmediateTrainingTests {

    /** One training thread, so one place; jobs of up to 1,000 flops and 10 steps train at once. */
    private static final JobProperties PROPERTIES = new JobProperties(1, 1, Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 100, Duration.ofMinutes(1), 1e6, 10, 10,
            Duration.ofSeconds(15), "test", Duration.ofSeconds(1), Duration.ofSeconds(5), 6, Duration.ofMillis(500),
            Duration.ofSeconds(10), 1000, 10);
    private static final NetworkSpec UNIT = new NetworkSpec(1, List.of(new LayerSpec(1, Activation.SIGMOID,
            WeightInit.PLAIN, true)), Loss.SQUARED_ERROR);

    private final ImmediateTraining immediate = new ImmediateTraining(PROPERTIES, new TrainingEvents(PROPERTIES),
            new TrainingMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

    @Test
    void onlyJobsWithinBothLimitsShouldTrainAtOnce() {
        assertThat(immediate.suits(1000, 10)).isTrue();
        assertThat(immediate.suits(1001, 10)).isFalse();
        assertThat(immediate.suits(1000, 11)).isFalse();
    }

    @Test
    void aJobShouldTrainOnTheCallersThreadAndEndAsTheQueueWouldRecordIt() {
        JobEnd end = immediate.train(job(new Examples(new double[][] {{0}, {1}}, new double[][] {{0}, {1}})))
                .orElseThrow();

        assertThat(end).isInstanceOf(JobEnd.Succeeded.class);
        JobEnd.Succeeded success = (JobEnd.Succeeded) end;
        assertThat(success.result().epochs()).isEqualTo(10);
        assertThat(success.result().curve()).hasSize(11);
        assertThat(success.result().metrics().training().cost()).isEqualTo(success.result().curve().get(10).cost());
        assertThat(success.started()).isNotNull();
    }

    @Test
    void aJobThatFindsEveryPlaceTakenShouldBeLeftToTheQueueAndThePlaceShouldComeBack() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<JobEnd>> first = CompletableFuture.supplyAsync(() -> immediate.train(job(
                new Examples(new Blocking(reading, release), RowSource.of(new double[][] {{0}, {1}})))));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(immediate.train(job(new Examples(new double[][] {{0}}, new double[][] {{0}})))).isEmpty();

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(immediate.train(job(new Examples(new double[][] {{0}}, new double[][] {{0}})))).isPresent();
    }

    private static TrainingJob job(Examples rows) {
        RowTransform unscaled = RowTransform.fit(List.of("x"), List.of(), Scaling.NONE, rows.features(), List.of("y"),
                Scaling.NONE, new double[][] {{0}}, new int[0]);
        return new TrainingJob("m", UNIT, Parameters.initial(UNIT, 1), rows, null,
                new TrainingOptions(10, 0.1, null, true, 1), Duration.ofMinutes(1), null, unscaled, null, null);
    }

    /** Two rows of one feature, whose first read waits until it is released. */
    private record Blocking(CountDownLatch reading, CountDownLatch release) implements RowSource {

        @Override
        public int rows() {
            return 2;
        }

        @Override
        public int columns() {
            return 1;
        }

        @Override
        public void read(int row, double[] into, int offset) {
            reading.countDown();
            try {
                release.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            into[offset] = row;
        }

        @Override
        public void read(int row, float[] into, int offset) {
            double[] value = new double[1];
            read(row, value, 0);
            into[offset] = (float) value[0];
        }
    }
}
