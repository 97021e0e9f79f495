package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first three updates of each optimizer on ŷ = w·x + b with x = 1, y = 0, w₀ = 1, b₀ = 0 and learning rate
 * 0.1, where ∂C/∂w = ∂C/∂b = ŷ: values worked out by hand (Adam's from its textbook formulas).
 */
class OptimizerTests {

    private static final NetworkSpec LINE = new NetworkSpec(1, List.of(new LayerSpec(1, Activation.IDENTITY,
            WeightInit.PLAIN, true, new double[][] {{1}}, new double[] {0})), Loss.SQUARED_ERROR);
    private static final Examples ONE = new Examples(new double[][] {{1}}, new double[][] {{0}});

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sgdShouldStepAgainstTheGradient(Backend backend) {
        // ŷ = 1, 0.8, 0.64: w = 0.9, 0.82, 0.756
        assertSteps(Optimizer.SGD, backend, new double[] {0.9, -0.1}, new double[] {0.82, -0.18},
                new double[] {0.756, -0.244});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void momentumShouldAccumulateVelocity(Backend backend) {
        // v = −0.1, −0.17, −0.199 (ŷ = 1, 0.8, 0.46)
        assertSteps(new Optimizer.Momentum(0.9, false), backend, new double[] {0.9, -0.1},
                new double[] {0.73, -0.27}, new double[] {0.531, -0.469});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nesterovShouldLookAhead(Backend backend) {
        // v = −0.1, −0.152, −0.15904; Δ = μv − ηg = −0.19, −0.1988, −0.165376
        assertSteps(new Optimizer.Momentum(0.9, true), backend, new double[] {0.81, -0.19},
                new double[] {0.6112, -0.3888}, new double[] {0.445824, -0.554176});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adamShouldFollowItsBiasCorrectedMoments(Backend backend) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-8;
        double w = 1;
        double b = 0;
        double m = 0;
        double v = 0;
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double g = w + b;
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double mHat = m / (1 - Math.pow(beta1, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            double step = 0.1 * mHat / (Math.sqrt(vHat) + epsilon);
            w -= step;
            b -= step;
            expected[t - 1] = new double[] {w, b};
        }
        assertSteps(new Optimizer.Adam(beta1, beta2, epsilon), backend, expected);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void clippingShouldScaleTheGradientsDownToTheirBound(Backend backend) {
        // g = (ŷ, ŷ) has norm ŷ√2 > 0.5 each time, so every step moves w and b by 0.1 · 0.5/√2
        double step = 0.1 * 0.5 / Math.sqrt(2);
        assertSteps(Optimizer.SGD, 0.5, backend, new double[] {1 - step, -step}, new double[] {1 - 2 * step, -2 * step},
                new double[] {1 - 3 * step, -3 * step});
        // a bound above the gradients' norm changes nothing
        assertSteps(Optimizer.SGD, 10.0, backend, new double[] {0.9, -0.1}, new double[] {0.82, -0.18});
    }

    /**
     * Plain gradient descent takes its step inside the backward pass; a clipping bound the gradients never reach
     * keeps the updater's step. Both must train a two-layer network alike (the hidden layer's gradient comes from
     * the output layer's weights before their step), on the array backend to the last bit.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void sgdShouldStepInTheBackwardPassAsTheUpdaterWould(Backend backend) {
        TrainingOptions inBackward = new TrainingOptions(50, 1.0, 2, false, 0);
        TrainingOptions byUpdater = inBackward.withClipNorm(1e9);
        Parameters initial = Parameters.initial(Tutorials.XOR_2_3_1, 7);

        Parameters stepped = Trainer.train(Tutorials.XOR_2_3_1, initial, Tutorials.XOR, null, inBackward,
                EpochListener.NONE, backend).parameters();
        Parameters updated = Trainer.train(Tutorials.XOR_2_3_1, initial, Tutorials.XOR, null, byUpdater,
                EpochListener.NONE, backend).parameters();

        ParametersAssert.assertClose(stepped, updated, backend == Backend.ARRAY ? 0 : 1e-12);
        assertThat(new Predictor(Tutorials.XOR_2_3_1, stepped).cost(Tutorials.XOR))
                .isLessThan(new Predictor(Tutorials.XOR_2_3_1, initial).cost(Tutorials.XOR));
    }

    @Test
    void momentumAndAdamShouldReachALowerXorCostThanSgdInTheSameEpochs() {
        NetworkSpec spec = Tutorials.XOR_2_3_1;

        double sgd = xorCost(spec, Optimizer.SGD, 1.0);
        double momentum = xorCost(spec, new Optimizer.Momentum(0.9, false), 1.0);
        double adam = xorCost(spec, new Optimizer.Adam(0.9, 0.999, 1e-8), 0.1);

        assertThat(momentum).isLessThan(sgd / 10);
        assertThat(adam).isLessThan(sgd / 10);
    }

    private static double xorCost(NetworkSpec spec, Optimizer optimizer, double learningRate) {
        TrainingOptions options = TrainingOptions.fullBatch(1000, learningRate).withOptimizer(optimizer);
        Parameters trained = Trainer.train(spec, Parameters.initial(spec, 7), Tutorials.XOR, options,
                EpochListener.NONE).parameters();
        return new Predictor(spec, trained).cost(Tutorials.XOR);
    }

    private static void assertSteps(Optimizer optimizer, Backend backend, double[]... expected) {
        assertSteps(optimizer, null, backend, expected);
    }

    private static void assertSteps(Optimizer optimizer, Double clipNorm, Backend backend, double[]... expected) {
        for (int steps = 1; steps <= expected.length; steps++) {
            TrainingOptions options = TrainingOptions.fullBatch(steps, 0.1).withOptimizer(optimizer)
                    .withClipNorm(clipNorm);
            LayerParameters line = Trainer.train(LINE, Parameters.initial(LINE, 1), ONE, null, options,
                    EpochListener.NONE, backend).parameters().layers().get(0);
            assertThat(line.weights()[0][0]).as("w after %d steps", steps).isCloseTo(expected[steps - 1][0],
                    within(1e-12));
            assertThat(line.biases()[0]).as("b after %d steps", steps).isCloseTo(expected[steps - 1][1],
                    within(1e-12));
        }
    }
}
