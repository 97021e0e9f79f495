package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.backprop.network.Activation;

class TaskTests {

    @Test
    void zeroOneTargetsOfASigmoidOutputShouldBeClassification() {
        assertThat(Task.of(Activation.SIGMOID, new double[][] {{0}, {1}, {1}})).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void examScoresThroughASigmoidShouldBeRegression() {
        assertThat(Task.of(Activation.SIGMOID, new double[][] {{0.92}, {0.86}, {0.89}})).isEqualTo(Task.REGRESSION);
    }

    @Test
    void oneHotTargetsOfASoftmaxOutputShouldBeClassification() {
        assertThat(Task.of(Activation.SOFTMAX, new double[][] {{0, 1, 0}, {1, 0, 0}})).isEqualTo(Task.CLASSIFICATION);
        assertThat(Task.of(Activation.SOFTMAX, new double[][] {{0, 1, 1}})).isEqualTo(Task.REGRESSION);
    }

    @Test
    void identityOutputsShouldBeRegressionEvenWithZeroOneTargets() {
        assertThat(Task.of(Activation.IDENTITY, new double[][] {{0}, {1}})).isEqualTo(Task.REGRESSION);
    }
}
