package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.TrainingOptions;
import io.backprop.network.WeightInit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TrainingRunTests {

    private static final JobProperties PROPERTIES = new JobProperties(1, 1, Duration.ofSeconds(1),
            Duration.ZERO, Duration.ofSeconds(1), 100, Duration.ofMinutes(1), 1e6, 10, 10, Duration.ofSeconds(15), "test",
            Duration.ofSeconds(1), Duration.ofSeconds(5), 6, Duration.ofMillis(500), Duration.ofSeconds(10), 0, 0);

    @Test
    void anErrorWithoutAMessageShouldStillFailTheJobWithOneWorthReading() {
        List<String> failures = new ArrayList<>();
        RunJournal journal = new RecordingJournal(failures) {
            @Override
            public void progressed(String modelId, int epochs, double cost) {
                throw new NullPointerException();
            }
        };

        new TrainingRun("m", journal, () -> { }, new TrainingEvents(PROPERTIES), PROPERTIES,
                new TrainingMetrics(new SimpleMeterRegistry())).run();

        assertThat(failures).singleElement().asString()
                .isEqualTo("training failed: an internal error (NullPointerException); the error has been logged");
    }

    /** Hands out one small job and records how it ends. */
    private static class RecordingJournal implements RunJournal {

        private final List<String> failures;

        RecordingJournal(List<String> failures) {
            this.failures = failures;
        }

        @Override
        public Optional<TrainingJob> started(String modelId) {
            NetworkSpec spec = new NetworkSpec(1, List.of(new LayerSpec(1, Activation.SIGMOID, WeightInit.PLAIN,
                    true)), Loss.SQUARED_ERROR);
            Examples rows = new Examples(new double[][] {{0}, {1}}, new double[][] {{0}, {1}});
            return Optional.of(new TrainingJob(modelId, spec, Parameters.initial(spec, 1), rows, null,
                    new TrainingOptions(10, 0.1, null, true, 1), null, null, null, null, null));
        }

        @Override
        public void progressed(String modelId, int epochs, double cost) {
        }

        @Override
        public void succeeded(TrainingJob job, JobResult result, Runnable alongside) {
        }

        @Override
        public void failed(String modelId, String message) {
            failures.add(message);
        }

        @Override
        public void checkpointed(String modelId, io.backprop.network.Checkpoint checkpoint, List<CurvePoint> curve) {
        }

        @Override
        public Control control(String modelId) {
            return Control.CONTINUE;
        }

        @Override
        public void endedElsewhere(String modelId) {
        }
    }
}
