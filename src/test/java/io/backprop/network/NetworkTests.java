package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The backward pass against central differences of the cost, for every activation and loss, on each backend. */
class NetworkTests {

    private static final double STEP = 1e-6;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (Activation hidden : Activation.values()) {
                cases.add(Arguments.of(backend, hidden, Activation.IDENTITY, Loss.SQUARED_ERROR));
                cases.add(Arguments.of(backend, Activation.TANH, hidden, Loss.SQUARED_ERROR));
            }
            cases.add(Arguments.of(backend, Activation.RELU, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
            cases.add(Arguments.of(backend, Activation.LEAKY_RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} hidden, {2} output, {3}")
    @MethodSource("networks")
    void gradientsShouldMatchCentralDifferences(Backend backend, Activation hidden, Activation output, Loss loss) {
        NetworkSpec spec = new NetworkSpec(3, List.of(new LayerSpec(4, hidden, WeightInit.XAVIER, true),
                new LayerSpec(3, output, WeightInit.XAVIER, true)), loss);
        Examples examples = randomExamples(5, 3, 3, loss, new Random(11));
        Parameters parameters = Parameters.initial(spec, 3);

        Network network = new Network(spec, parameters, backend);
        Network.Workspace workspace = network.workspace(5, true);
        Matrix features = network.matrix(examples.features());
        network.forward(features, workspace);
        network.backward(features, network.matrix(examples.targets()), workspace);

        for (int l = 0; l < 2; l++) {
            DenseLayer layer = network.layers().get(l);
            double[][] analyticWeights = DenseLayer.transpose(layer.weightGradient.toArray());
            double[] analyticBiases = layer.biasGradient.toArray()[0];
            double[][] weights = parameters.layers().get(l).weights();
            double[] biases = parameters.layers().get(l).biases();
            List<Double> analytic = new ArrayList<>();
            List<Double> numeric = new ArrayList<>();
            for (int j = 0; j < weights.length; j++) {
                for (int i = 0; i < weights[j].length; i++) {
                    analytic.add(analyticWeights[j][i]);
                    numeric.add(centralDifference(spec, parameters, examples, backend, weights[j], i));
                }
                analytic.add(analyticBiases[j]);
                numeric.add(centralDifference(spec, parameters, examples, backend, biases, j));
            }
            assertThat(relativeError(analytic, numeric)).as("layer %d", l).isLessThan(1e-6);
        }
    }

    @Test
    void featuresOfTheWrongWidthShouldNameTheLayerAndBothShapes() {
        Network network = new Network(Tutorials.XOR_2_3_1, Parameters.initial(Tutorials.XOR_2_3_1, 1),
                Backend.ARRAY);

        assertThatIllegalArgumentException().isThrownBy(() -> network.forward(
                network.matrix(new double[][] {{1, 2, 3}}), network.workspace(1, false)))
                .withMessage("features for layer 0 (3 units): expected 1 × 2, got 1 × 3");
    }

    @Test
    void parametersOfTheWrongShapeShouldBeRejected() {
        Parameters orParameters = Parameters.initial(Tutorials.OR_UNIT, 1);

        assertThatIllegalArgumentException().isThrownBy(() -> new Network(Tutorials.XOR_2_3_1, orParameters,
                Backend.ARRAY)).withMessage("layer 0: parameters are 1 × 2 but the spec needs 3 × 2 (units × inputs)");
    }

    /** ∂C/∂θ ≈ (C(θ+h) − C(θ−h)) / 2h for the one number {@code values[index]}. */
    private static double centralDifference(NetworkSpec spec, Parameters parameters, Examples examples,
            Backend backend, double[] values, int index) {
        double original = values[index];
        values[index] = original + STEP;
        double above = cost(spec, parameters, examples, backend);
        values[index] = original - STEP;
        double below = cost(spec, parameters, examples, backend);
        values[index] = original;
        return (above - below) / (2 * STEP);
    }

    private static double cost(NetworkSpec spec, Parameters parameters, Examples examples, Backend backend) {
        Network network = new Network(spec, parameters, backend);
        Matrix predictions = network.forward(network.matrix(examples.features()),
                network.workspace(examples.rows(), false));
        return predictions.lossSum(spec.loss(), network.matrix(examples.targets())) / examples.rows();
    }

    /** ‖a − n‖ / (‖a‖ + ‖n‖): scale-free, and not fooled by individually tiny components. */
    static double relativeError(List<Double> analytic, List<Double> numeric) {
        double difference = 0;
        double a = 0;
        double n = 0;
        for (int i = 0; i < analytic.size(); i++) {
            difference += Math.pow(analytic.get(i) - numeric.get(i), 2);
            a += analytic.get(i) * analytic.get(i);
            n += numeric.get(i) * numeric.get(i);
        }
        return Math.sqrt(difference) / (Math.sqrt(a) + Math.sqrt(n));
    }

    /** Gaussian features; targets that suit the loss (one-hot for cross-entropy, 0/1 for binary). */
    private static Examples randomExamples(int rows, int inputs, int outputs, Loss loss, Random random) {
        double[][] x = new double[rows][inputs];
        double[][] y = new double[rows][outputs];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inputs; i++) {
                x[r][i] = random.nextGaussian();
            }
            int hot = random.nextInt(outputs);
            for (int k = 0; k < outputs; k++) {
                y[r][k] = switch (loss) {
                    case SQUARED_ERROR -> random.nextGaussian() * 0.5;
                    case BINARY_CROSS_ENTROPY -> random.nextInt(2);
                    case CROSS_ENTROPY -> k == hot ? 1 : 0;
                };
            }
        }
        return new Examples(x, y);
    }
}
