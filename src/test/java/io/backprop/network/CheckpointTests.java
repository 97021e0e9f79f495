package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run resumed from a checkpoint ends exactly where an uninterrupted one does, bit for bit. */
class CheckpointTests {

    private static final int EPOCHS = 40;
    private static final int STOPPED_AFTER = 17;

    /** On each backend, and through the first layer's index of nonzero values ({@link SparseInput}). */
    @ParameterizedTest
    @CsvSource({"ARRAY, off", "ND4J, off", "ND4J, on"})
    void aResumedRunShouldEndWithTheParametersOfAnUninterruptedOne(Backend backend, String sparseInput) {
        SparseInputTests.withSparseInput(sparseInput, () -> {
            assertResumedRunEndsLikeAWholeOne(backend);
            return null;
        });
    }

    private static void assertResumedRunEndsLikeAWholeOne(Backend backend) {
        Precision precision = backend == Backend.ARRAY ? Precision.FLOAT64 : Precision.FLOAT32;
        NetworkSpec spec = new NetworkSpec(3, List.of(new LayerSpec(5, Activation.TANH, WeightInit.XAVIER, true, null, null, 0.2),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.XAVIER, true)), Loss.BINARY_CROSS_ENTROPY, precision);
        Parameters initial = Parameters.initial(spec, 3);
        Examples training = examples(40, 1);
        Examples validation = examples(10, 2);
        // shuffled mini-batches, dropout masks, Adam's moments and step count, and early stopping's memory all carry over
        TrainingOptions options = new TrainingOptions(EPOCHS, 0.05, 8, true, 11, new EarlyStopping(100, 0),
                new Optimizer.Adam(0.9, 0.999, 1e-8), LearningRateSchedule.CONSTANT, 0.001, Double.POSITIVE_INFINITY,
                null, new Regularisation(0.001, 3.0, null));

        TrainingResult whole = Trainer.train(spec, initial, training, validation, options, EpochListener.NONE,
                backend);
        Checkpoint[] kept = new Checkpoint[1];
        Trainer.train(spec, initial, training, validation, options, new EpochListener() {
            private int completed;

            @Override
            public boolean onEpoch(int epoch, double cost, double validationCost) {
                completed = epoch + 1;
                return completed < STOPPED_AFTER + 3;
            }

            @Override
            public boolean wantsCheckpoint() {
                return completed == STOPPED_AFTER;
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                kept[0] = checkpoint;
            }
        }, backend);
        Checkpoint stored = Checkpoint.decode(kept[0].encode());
        TrainingResult resumed = Trainer.resume(spec, initial, stored, training, validation, options,
                EpochListener.NONE);

        assertThat(stored.epochs()).isEqualTo(STOPPED_AFTER);
        assertThat(resumed.epochs()).isEqualTo(whole.epochs());
        assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
        for (int l = 0; l < spec.layers().size(); l++) {
            assertThat(resumed.parameters().layers().get(l).weights())
                    .isDeepEqualTo(whole.parameters().layers().get(l).weights());
            assertThat(resumed.parameters().layers().get(l).biases())
                    .isEqualTo(whole.parameters().layers().get(l).biases());
        }
    }

    private static Examples examples(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][3];
        double[][] targets = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                // mostly zeros, as the index of nonzero values takes no denser rows
                features[i][j] = random.nextDouble() < 0.3 ? random.nextGaussian() : 0;
            }
            targets[i][0] = features[i][0] + features[i][1] * features[i][2] > 0 ? 1 : 0;
        }
        return new Examples(features, targets);
    }
}
