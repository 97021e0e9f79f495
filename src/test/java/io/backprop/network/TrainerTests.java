package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTests {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void orGateFirstStepShouldMatchTheTutorial(Backend backend) {
        List<Double> curve = new ArrayList<>();
        TrainingResult result = Trainer.train(Tutorials.OR_UNIT, Parameters.initial(Tutorials.OR_UNIT, 1),
                Tutorials.OR, null, TrainingOptions.fullBatch(1, 1.0), record(curve), backend);

        assertThat(curve).hasSize(1);
        assertThat(curve.get(0)).isCloseTo(0.0889, within(0.00005));
        LayerParameters unit = result.parameters().layers().get(0);
        assertThat(unit.weights()[0][0]).isCloseTo(0.1480, within(0.00005));
        assertThat(unit.weights()[0][1]).isCloseTo(0.6387, within(0.00005));
        assertThat(unit.biases()[0]).isCloseTo(0.0370, within(0.00005));
        double costAfter = new Predictor(Tutorials.OR_UNIT, result.parameters()).cost(Tutorials.OR);
        assertThat(costAfter).isCloseTo(0.0840, within(0.00005));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void orGateShouldBeLearnedIn5000Epochs(Backend backend) {
        List<Double> curve = new ArrayList<>();
        TrainingResult result = Trainer.train(Tutorials.OR_UNIT, Parameters.initial(Tutorials.OR_UNIT, 1),
                Tutorials.OR, null, TrainingOptions.fullBatch(5000, 1.0), record(curve), backend);

        assertThat(curve.get(1)).as("epoch 1 reports the cost after the first step").isCloseTo(0.0840,
                within(0.00005));
        assertThat(result.epochs()).isEqualTo(5000);
        double[][] outputs = new Predictor(Tutorials.OR_UNIT, result.parameters()).predict(Tutorials.GATE_INPUTS);
        assertThat(Tutorials.accuracy(outputs, Tutorials.OR)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void xorShouldBeLearnedByATwoThreeOneNetwork(Backend backend) {
        NetworkSpec spec = Tutorials.XOR_2_3_1;
        TrainingResult result = Trainer.train(spec, Parameters.initial(spec, 7), Tutorials.XOR, null,
                TrainingOptions.fullBatch(5000, 1.0), EpochListener.NONE, backend);

        Predictor predictor = new Predictor(spec, result.parameters());
        assertThat(predictor.cost(Tutorials.XOR)).isLessThan(0.01);
        assertThat(Tutorials.accuracy(predictor.predict(Tutorials.GATE_INPUTS), Tutorials.XOR)).isEqualTo(1.0);
    }

    @Test
    void examScoresShouldBeFittedWithoutBias() {
        NetworkSpec spec = Tutorials.EXAM_2_3_1;
        // the tutorial steps by the gradient of ½·Σ(ŷ−y)², which is 3 times that of our mean over 3 rows
        TrainingResult result = Trainer.train(spec, Parameters.initial(spec, 1), Tutorials.EXAM,
                TrainingOptions.fullBatch(150_000, 3.0), EpochListener.NONE);

        assertThat(result.parameters().layers()).allSatisfy(layer -> assertThat(layer.biases()).isNull());
        double[][] scores = new Predictor(spec, result.parameters()).predict(Tutorials.EXAM.features());
        double meanSquaredError = 0;
        double[][] targets = Tutorials.EXAM.targets().toArray();
        for (int i = 0; i < scores.length; i++) {
            meanSquaredError += Math.pow(scores[i][0] - targets[i][0], 2) / scores.length;
        }
        assertThat(meanSquaredError).isLessThan(1e-4);
    }

    @Test
    void listenerShouldStopTrainingEarly() {
        List<Double> curve = new ArrayList<>();
        TrainingResult result = Trainer.train(Tutorials.OR_UNIT, Parameters.initial(Tutorials.OR_UNIT, 1),
                Tutorials.OR, TrainingOptions.fullBatch(5000, 1.0), (epoch, cost, validationCost) -> {
                    curve.add(cost);
                    return epoch < 9;
                });

        assertThat(result.epochs()).isEqualTo(10);
        assertThat(curve).hasSize(10);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void earlyStoppingShouldKeepTheParametersOfTheBestValidationEpoch(Backend backend) {
        NetworkSpec spec = new NetworkSpec(1, List.of(new LayerSpec(16, Activation.TANH, WeightInit.XAVIER, true),
                new LayerSpec(1, Activation.IDENTITY, WeightInit.XAVIER, true)), Loss.SQUARED_ERROR);
        Examples training = noisySine(12, 1);
        Examples validation = noisySine(40, 2);
        List<Double> validationCosts = new ArrayList<>();
        TrainingOptions options = new TrainingOptions(3000, 0.2, null, false, 3).withEarlyStopping(new EarlyStopping(100, 0));

        TrainingResult result = Trainer.train(spec, Parameters.initial(spec, 3), training, validation, options,
                (epoch, cost, validationCost) -> validationCosts.add(validationCost), backend);

        int best = validationCosts.indexOf(validationCosts.stream().min(Double::compare).orElseThrow());
        assertThat(result.bestEpoch()).isEqualTo(best);
        assertThat(result.stoppedEarly()).as("an overfitting network stops early").isTrue();
        assertThat(result.epochs()).isEqualTo(best + 101);
        assertThat(new Predictor(spec, result.parameters()).cost(validation)).as("the best epoch's parameters")
                .isCloseTo(validationCosts.get(best), within(1e-12));
    }

    @Test
    void patienceShouldCountEpochsWithoutAnImprovementLargerThanMinDelta() {
        Parameters initial = Parameters.initial(Tutorials.XOR_2_3_1, 4);
        TrainingOptions options = new TrainingOptions(1000, 1.0, null, false, 4).withEarlyStopping(new EarlyStopping(5, 1.0));

        TrainingResult result = Trainer.train(Tutorials.XOR_2_3_1, initial, Tutorials.XOR, options, EpochListener.NONE);

        assertThat(result.epochs()).isEqualTo(6);
        assertThat(result.bestEpoch()).isZero();
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.parameters()).usingRecursiveComparison().isEqualTo(initial);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l2ShouldDecayTheWeightsButNotTheBiasAndCountInTheCost(Backend backend) {
        Parameters initial = Parameters.initial(Tutorials.OR_UNIT, 1);
        List<Double> decayedCurve = new ArrayList<>();
        List<Double> plainCurve = new ArrayList<>();
        TrainingOptions decayed = TrainingOptions.fullBatch(1, 1.0).withL2(0.1);

        LayerParameters withL2 = Trainer.train(Tutorials.OR_UNIT, initial, Tutorials.OR, null, decayed,
                record(decayedCurve), backend).parameters().layers().get(0);
        LayerParameters plain = Trainer.train(Tutorials.OR_UNIT, initial, Tutorials.OR, null,
                TrainingOptions.fullBatch(1, 1.0), record(plainCurve), backend).parameters().layers().get(0);

        // penalty (λ/2)·Σw² = 0.05·(0.01 + 0.36) = 0.0185; the step adds −η·λ·w₀
        assertThat(decayedCurve.get(0)).isCloseTo(plainCurve.get(0) + 0.0185, within(1e-15));
        assertThat(withL2.weights()[0][0]).isCloseTo(plain.weights()[0][0] - 0.01, within(1e-15));
        assertThat(withL2.weights()[0][1]).isCloseTo(plain.weights()[0][1] - 0.06, within(1e-15));
        assertThat(withL2.biases()[0]).isEqualTo(plain.biases()[0]);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explodingCostShouldStopTrainingAsDiverged(Backend backend) {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(3, Activation.RELU, WeightInit.HE, true),
                new LayerSpec(1, Activation.IDENTITY, WeightInit.XAVIER, true)), Loss.SQUARED_ERROR);

        TrainingDivergedException diverged = org.assertj.core.api.Assertions.catchThrowableOfType(
                TrainingDivergedException.class, () -> Trainer.train(spec, Parameters.initial(spec, 1), Tutorials.XOR,
                        null, TrainingOptions.fullBatch(5000, 50), EpochListener.NONE, backend));

        assertThat(diverged.getMessage()).matches("training diverged at epoch \\d+ \\(cost = (Infinity|NaN)\\)");
    }

    @Test
    void weightsBeyondTheBoundShouldStopTrainingAsDiverged() {
        TrainingOptions bounded = TrainingOptions.fullBatch(5000, 50).withMaxWeight(5);

        assertThatThrownBy(() -> Trainer.train(Tutorials.XOR_2_3_1, Parameters.initial(Tutorials.XOR_2_3_1, 7),
                Tutorials.XOR, bounded, EpochListener.NONE)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("training diverged at epoch \\d+ \\(a parameter reached [0-9.]+, beyond the bound 5\\.00\\)");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sameSeedShouldGiveIdenticalParametersAndOtherSeedsOtherOnes(Backend backend) {
        NetworkSpec spec = Tutorials.XOR_2_3_1;
        TrainingOptions shuffled = new TrainingOptions(200, 0.5, 2, true, 42);

        Parameters first = trainXor(spec, 42, shuffled, backend);
        Parameters again = trainXor(spec, 42, shuffled, backend);
        Parameters otherSeed = trainXor(spec, 43, new TrainingOptions(200, 0.5, 2, true, 43), backend);

        assertThat(again).usingRecursiveComparison().isEqualTo(first);
        assertThat(otherSeed.layers().get(0).weights()).isNotEqualTo(first.layers().get(0).weights());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentTrainingsShouldEachMatchTheirSequentialResult(Backend backend) throws Exception {
        NetworkSpec spec = Tutorials.XOR_2_3_1;
        List<Parameters> sequential = new ArrayList<>();
        List<Callable<Parameters>> jobs = new ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            TrainingOptions options = new TrainingOptions(300, 1.0, 3, true, seed);
            sequential.add(trainXor(spec, seed, options, backend));
            int s = seed;
            jobs.add(() -> trainXor(spec, s, options, backend));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Parameters>> concurrent = pool.invokeAll(jobs);
            for (int i = 0; i < 4; i++) {
                assertThat(concurrent.get(i).get()).usingRecursiveComparison().isEqualTo(sequential.get(i));
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void backendsShouldAgreeOnMiniBatchTraining() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(5, Activation.TANH, WeightInit.XAVIER, true),
                new LayerSpec(4, Activation.LEAKY_RELU, WeightInit.HE, true),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.XAVIER, true)), Loss.BINARY_CROSS_ENTROPY);
        TrainingOptions options = new TrainingOptions(500, 0.5, 3, true, 5);

        Parameters array = trainXor(spec, 5, options, Backend.ARRAY);
        Parameters nd4j = trainXor(spec, 5, options, Backend.ND4J);

        ParametersAssert.assertClose(nd4j, array, 1e-9);
    }

    /**
     * Up to two epochs convert batches straight from the caller's rows; longer trainings load the rows once and
     * read batches in place (fixed order) or copy them (shuffled); rows loaded by the caller train alike. XOR's four
     * rows in batches of three also exercise the smaller last batch.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void batchesShouldTrainAlikeFromTheCallersRowsAndFromLoadedRows(Backend backend) {
        for (boolean shuffle : new boolean[] {false, true}) {
            Parameters start = Parameters.initial(Tutorials.XOR_2_3_1, 3);
            TrainingOptions oneEpoch = new TrainingOptions(1, 0.5, 3, shuffle, 5);
            TrainingResult fromRows = Trainer.train(Tutorials.XOR_2_3_1, start, Tutorials.XOR, null, oneEpoch,
                    EpochListener.NONE, backend);
            TrainingResult fromLoaded = Trainer.train(Tutorials.XOR_2_3_1, start, Tutorials.XOR, null,
                    new TrainingOptions(10, 0.5, 3, shuffle, 5), (epoch, cost, validationCost) -> false, backend);
            TrainingResult fromCallersLoad;
            try (LoadedExamples loaded = LoadedExamples.load(Tutorials.XOR, Tutorials.XOR_2_3_1, backend)) {
                fromCallersLoad = Trainer.train(Tutorials.XOR_2_3_1, start, loaded, null, oneEpoch,
                        EpochListener.NONE);
            }

            assertThat(fromLoaded.epochs()).isEqualTo(1);
            assertThat(fromLoaded.parameters()).as("shuffle " + shuffle).usingRecursiveComparison()
                    .isEqualTo(fromRows.parameters());
            assertThat(fromCallersLoad.parameters()).as("shuffle " + shuffle).usingRecursiveComparison()
                    .isEqualTo(fromRows.parameters());
            assertThat(fromRows.parameters()).usingRecursiveComparison().isNotEqualTo(start);
        }
    }

    @Test
    void loadedRowsShouldTrainOnlyNetworksTheyFitInThePrecisionTheyWereLoadedIn() {
        Parameters start = Parameters.initial(Tutorials.XOR_2_3_1, 3);
        try (LoadedExamples loaded = LoadedExamples.load(Tutorials.XOR, Tutorials.XOR_2_3_1, Backend.ARRAY)) {
            assertThatIllegalArgumentException().isThrownBy(() -> Trainer.train(
                    Tutorials.twoThreeOne(true, Precision.FLOAT32), Parameters.initial(
                            Tutorials.twoThreeOne(true, Precision.FLOAT32), 3), loaded, null,
                    TrainingOptions.fullBatch(1, 1), EpochListener.NONE))
                    .withMessage("examples loaded in float64 cannot train a network that computes in float32");
            NetworkSpec twoOutputs = new NetworkSpec(2, List.of(new LayerSpec(2, Activation.SIGMOID, WeightInit.XAVIER, true)),
                    Loss.SQUARED_ERROR, Precision.FLOAT64);
            assertThatIllegalArgumentException().isThrownBy(() -> Trainer.train(twoOutputs,
                    Parameters.initial(twoOutputs, 3), loaded, null, TrainingOptions.fullBatch(1, 1),
                    EpochListener.NONE)).withMessageContaining("do not fit a network of 2 inputs and 2 outputs");
        }
    }

    @Test
    void float32ShouldTrainCloseToFloat64WithFloatParameters() {
        TrainingOptions options = TrainingOptions.fullBatch(500, 1.0);

        Parameters float64 = trainXor(Tutorials.twoThreeOne(true, Precision.FLOAT64), 7, options, Backend.ARRAY);
        Parameters float32 = trainXor(Tutorials.twoThreeOne(true, Precision.FLOAT32), 7, options, Backend.ND4J);

        for (LayerParameters layer : float32.layers()) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    assertThat((double) (float) w).as("float32 weights are float values").isEqualTo(w);
                }
            }
        }
        ParametersAssert.assertClose(float32, float64, 1e-3);
    }

    @Test
    void float32ShouldNotRunOnTheArrayBackend() {
        NetworkSpec spec = Tutorials.twoThreeOne(true, Precision.FLOAT32);
        assertThat(Backend.choose(spec, 4)).isEqualTo(Backend.ND4J);
        assertThatIllegalArgumentException().isThrownBy(() -> trainXor(spec, 1, TrainingOptions.fullBatch(1, 1),
                Backend.ARRAY)).withMessageContaining("float64 only");
    }

    @Test
    void examplesThatDoNotFitTheNetworkShouldBeRejectedWithTheirShapes() {
        Examples threeFeatures = new Examples(new double[][] {{0, 0, 1}, {1, 1, 0}}, new double[][] {{0}, {1}});

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Trainer.train(Tutorials.XOR_2_3_1, Parameters.initial(Tutorials.XOR_2_3_1, 1),
                        threeFeatures, TrainingOptions.fullBatch(1, 1), EpochListener.NONE))
                .withMessage("features: expected 2 × 2 (the network's inputs), got 2 × 3");
    }

    private static Parameters trainXor(NetworkSpec spec, long seed, TrainingOptions options, Backend backend) {
        return Trainer.train(spec, Parameters.initial(spec, seed), Tutorials.XOR, null, options, EpochListener.NONE,
                backend).parameters();
    }

    /** y = sin(3x) plus noise: few rows to train on make a wide network overfit. */
    private static Examples noisySine(int rows, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[][] x = new double[rows][1];
        double[][] y = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = random.nextDouble() * 2 - 1;
            y[i][0] = Math.sin(3 * x[i][0]) + random.nextGaussian() * 0.3;
        }
        return new Examples(x, y);
    }

    private static EpochListener record(List<Double> curve) {
        return (epoch, cost, validationCost) -> curve.add(cost);
    }
}
