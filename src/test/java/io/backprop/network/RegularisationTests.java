package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dropout, L1, max-norm and class weights: the backward pass against central differences of the cost they
 * define (dropout's masks held fixed), prediction without dropout, and max-norm after every step.
 */
class RegularisationTests {

    private static final double STEP = 1e-6;
    private static final double L1 = 0.03;
    private static final double L2 = 0.02;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            cases.add(Arguments.of(backend, Activation.IDENTITY, Loss.SQUARED_ERROR, 2, null));
            cases.add(Arguments.of(backend, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 1, new double[] {0.4, 3}));
            cases.add(Arguments.of(backend, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3, new double[] {1, 0.25, 4}));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} output, {2}")
    @MethodSource("networks")
    void gradientsWithDropoutL1AndClassWeightsShouldMatchCentralDifferences(Backend backend, Activation output,
            Loss loss, int outputs, double[] classWeights) {
        NetworkSpec spec = new NetworkSpec(3, List.of(
                new LayerSpec(5, Activation.TANH, WeightInit.XAVIER, true, null, null, 0.3),
                new LayerSpec(4, Activation.SIGMOID, WeightInit.XAVIER, true, null, null, 0.5),
                new LayerSpec(outputs, output, WeightInit.XAVIER, true)), loss);
        Random random = new Random(17);
        double[][] x = gaussian(6, 3, random);
        double[][] y = targets(6, outputs, loss, random);
        Parameters parameters = Parameters.initial(spec, 4);

        Network network = new Network(spec, parameters, backend);
        Network.Workspace workspace = network.workspace(6, true);
        network.drawDropout(workspace, new Random(3));
        Matrix features = network.matrix(x);
        Matrix targets = network.matrix(y);
        Matrix rowWeights = rowWeights(network, targets, classWeights);
        network.forward(features, workspace);
        network.backward(features, targets, workspace, rowWeights);
        network.addPenaltyGradients(L1, L2);
        assertThat(masked(workspace)).as("dropout zeroed some outputs").isTrue();

        for (int l = 0; l < spec.layers().size(); l++) {
            DenseLayer layer = network.layers().get(l);
            double[][] analyticWeights = DenseLayer.transpose(layer.weightGradient.toArray());
            double[] analyticBiases = layer.biasGradient.toArray()[0];
            LayerParameters values = parameters.layers().get(l);
            List<Double> analytic = new ArrayList<>();
            List<Double> numeric = new ArrayList<>();
            for (int j = 0; j < values.weights().length; j++) {
                for (int i = 0; i < values.weights()[j].length; i++) {
                    analytic.add(analyticWeights[j][i]);
                    numeric.add(centralDifference(spec, parameters, x, y, classWeights, workspace, backend,
                            values.weights()[j], i));
                }
                analytic.add(analyticBiases[j]);
                numeric.add(centralDifference(spec, parameters, x, y, classWeights, workspace, backend,
                        values.biases(), j));
            }
            assertThat(NetworkTests.relativeError(analytic, numeric)).as("layer %d", l).isLessThan(1e-6);
        }
    }

    @Test
    void predictionShouldDropNothingAndTrainingShouldBeSeeded() {
        NetworkSpec spec = new NetworkSpec(2, List.of(
                new LayerSpec(8, Activation.TANH, WeightInit.XAVIER, true, null, null, 0.5),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.XAVIER, true)), Loss.BINARY_CROSS_ENTROPY);
        Examples xor = new Examples(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
                new double[][] {{0}, {1}, {1}, {0}});
        TrainingOptions options = new TrainingOptions(300, 0.5, null, false, 9);
        Parameters first = Trainer.train(spec, Parameters.initial(spec, 9), xor, options, (e, c, v) -> true)
                .parameters();
        Parameters again = Trainer.train(spec, Parameters.initial(spec, 9), xor, options, (e, c, v) -> true)
                .parameters();
        NetworkSpec withoutDropout = new NetworkSpec(2, List.of(new LayerSpec(8, Activation.TANH, WeightInit.XAVIER,
                true), spec.layers().get(1)), Loss.BINARY_CROSS_ENTROPY);
        Parameters plain = Trainer.train(withoutDropout, Parameters.initial(spec, 9), xor, options,
                (e, c, v) -> true).parameters();

        ParametersAssert.assertClose(again, first, 0);
        assertThat(plain.layers().get(0).weights()).isNotEqualTo(first.layers().get(0).weights());
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] predicted = new Predictor(spec, first).predict(inputs);
        List<Trace.Layer> byHand = new Trace(withoutDropout, first).forward(inputs);
        for (int r = 0; r < 4; r++) {
            // the full network, every unit kept and none rescaled, twice the same
            assertThat(predicted[r][0]).isCloseTo(byHand.get(1).a()[r][0], within(1e-12));
            assertThat(new Predictor(spec, first).predict(inputs)[r][0]).isEqualTo(predicted[r][0]);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void maxNormShouldHoldAfterEveryStep(Backend backend) {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(6, Activation.TANH, WeightInit.HE, true),
                new LayerSpec(1, Activation.IDENTITY, WeightInit.HE, true)), Loss.SQUARED_ERROR);
        double bound = 0.8;
        Random random = new Random(5);
        double[][] x = gaussian(40, 2, random);
        double[][] y = new double[40][1];
        for (int r = 0; r < 40; r++) {
            y[r][0] = 5 * x[r][0] - 3 * x[r][1];
        }
        // full batches: one step per epoch, so the listener sees the parameters after every step
        TrainingOptions options = TrainingOptions.fullBatch(60, 0.1).withRegularisation(
                new Regularisation(0, bound, null));
        List<Double> largest = new ArrayList<>();
        Trainer.train(spec, Parameters.initial(spec, 2), new Examples(x, y), null, options, new EpochListener() {
            @Override
            public boolean onEpoch(int epoch, double cost, double validationCost) {
                return true;
            }

            @Override
            public boolean wantsParameters() {
                return true;
            }

            @Override
            public void onParameters(Parameters parameters) {
                largest.add(largestUnitNorm(parameters));
            }
        }, backend);

        assertThat(largest).hasSize(60).allSatisfy(norm -> assertThat(norm).isLessThanOrEqualTo(bound * (1 + 1e-6)));
        assertThat(largest.get(59)).as("the bound was reached, so it acted").isCloseTo(bound, within(1e-6));
    }

    @Test
    void maxNormShouldScaleTheStepsWeightsOntoTheBound() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(2, Activation.IDENTITY, WeightInit.PLAIN, true,
                new double[][] {{3, 4}, {0.1, 0.2}}, null)), Loss.SQUARED_ERROR);
        Examples row = new Examples(new double[][] {{1, 0}}, new double[][] {{0, 0}});
        Parameters step = Trainer.train(spec, Parameters.initial(spec, 1), row, TrainingOptions.fullBatch(1, 0.5)
                .withRegularisation(new Regularisation(0, 2.0, null)), (e, c, v) -> true).parameters();

        // unit 0: z = 3, dW = (3, 0), W = (3, 4) − 0.5·(3, 0) = (1.5, 4), norm 4.272 → scaled to 2
        double norm = Math.hypot(1.5, 4);
        assertThat(step.layers().get(0).weights()[0]).containsExactly(new double[] {1.5 * 2 / norm, 4 * 2 / norm},
                within(1e-12));
        // unit 1: z = 0.1, W = (0.1 − 0.05, 0.2), inside the bound, kept; biases are never scaled
        assertThat(step.layers().get(0).weights()[1]).containsExactly(new double[] {0.05, 0.2}, within(1e-12));
        assertThat(step.layers().get(0).biases()).containsExactly(new double[] {-1.5, -0.05}, within(1e-12));
    }

    @Test
    void classWeightsShouldHaveOneWeightPerClass() {
        NetworkSpec spec = new NetworkSpec(1, List.of(new LayerSpec(3, Activation.SOFTMAX, WeightInit.PLAIN, true)),
                Loss.CROSS_ENTROPY);
        Examples rows = new Examples(new double[][] {{0}}, new double[][] {{1, 0, 0}});
        TrainingOptions options = TrainingOptions.fullBatch(1, 0.1).withRegularisation(
                new Regularisation(0, null, new double[] {1, 2}));

        assertThatIllegalArgumentException().isThrownBy(() -> Trainer.train(spec, Parameters.initial(spec, 1), rows,
                options, (e, c, v) -> true)).withMessage("classWeights: expected 3 (one per class), got 2");
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(1, List.of(new LayerSpec(1,
                Activation.SIGMOID, WeightInit.PLAIN, true, null, null, 0.5)), Loss.SQUARED_ERROR))
                .withMessage(NetworkSpec.OUTPUT_DROPOUT);
    }

    static Stream<Backend> backends() {
        return Stream.of(Backend.values());
    }

    private static double largestUnitNorm(Parameters parameters) {
        double largest = 0;
        for (LayerParameters layer : parameters.layers()) {
            for (double[] unit : layer.weights()) {
                double squares = 0;
                for (double w : unit) {
                    squares += w * w;
                }
                largest = Math.max(largest, Math.sqrt(squares));
            }
        }
        return largest;
    }

    private static boolean masked(Network.Workspace workspace) {
        for (Matrix mask : workspace.masks()) {
            for (int i = 0; mask != null && i < mask.size(); i++) {
                if (mask.get(i) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Matrix rowWeights(Network network, Matrix targets, double[] classWeights) {
        if (classWeights == null) {
            return null;
        }
        Matrix weights = network.zeros(targets.rows(), 1);
        Network.assignRowWeights(weights, targets, classWeights);
        return weights;
    }

    /** ∂C/∂θ ≈ (C(θ+h) − C(θ−h)) / 2h, with the masks of {@code masks} held fixed. */
    private static double centralDifference(NetworkSpec spec, Parameters parameters, double[][] x, double[][] y,
            double[] classWeights, Network.Workspace masks, Backend backend, double[] values, int index) {
        double original = values[index];
        values[index] = original + STEP;
        double above = cost(spec, parameters, x, y, classWeights, masks, backend);
        values[index] = original - STEP;
        double below = cost(spec, parameters, x, y, classWeights, masks, backend);
        values[index] = original;
        return (above - below) / (2 * STEP);
    }

    /** (1/m)·Σ wᵢ·Lᵢ + λ₁·Σ|W| + (λ₂/2)·Σ W², through the same dropout masks. */
    private static double cost(NetworkSpec spec, Parameters parameters, double[][] x, double[][] y,
            double[] classWeights, Network.Workspace masks, Backend backend) {
        Network network = new Network(spec, parameters, backend);
        Network.Workspace workspace = network.workspace(x.length, true);
        for (int l = 0; l < masks.masks().length; l++) {
            if (masks.masks()[l] != null) {
                workspace.masks()[l].assign(masks.masks()[l]);
            }
        }
        Matrix targets = network.matrix(y);
        Matrix predictions = network.forward(network.matrix(x), workspace);
        Matrix rowWeights = rowWeights(network, targets, classWeights);
        double loss = rowWeights == null ? predictions.lossSum(spec.loss(), targets)
                : predictions.lossSum(spec.loss(), targets, rowWeights);
        return loss / x.length + parameters.weightPenalty(L1, L2);
    }

    private static double[][] gaussian(int rows, int columns, Random random) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return values;
    }

    /** One-hot rows for cross-entropy, 0/1 for one sigmoid output, gaussian for squared error. */
    private static double[][] targets(int rows, int outputs, Loss loss, Random random) {
        double[][] y = new double[rows][outputs];
        for (int r = 0; r < rows; r++) {
            int hot = r % outputs;
            for (int k = 0; k < outputs; k++) {
                y[r][k] = switch (loss) {
                    case SQUARED_ERROR -> random.nextGaussian();
                    case BINARY_CROSS_ENTROPY -> r % 2;
                    case CROSS_ENTROPY -> k == hot ? 1 : 0;
                };
            }
        }
        return y;
    }
}
