package io.backprop.network;

/**
 * A dense layer on one backend: z = x·W + b and a = f(z), with its parameters and their gradients.
 * W is held inputs × units (rows are examples, so x·W needs no transpose); the API's units × inputs orientation
 * is restored by {@link #parameters()}.
 */
final class DenseLayer {

    final Activation activation;
    final Matrix weights;
    final Matrix biases;
    final Matrix weightGradient;
    final Matrix biasGradient;

    /** The layer's matrices are made by (and freed with) {@code network}. */
    DenseLayer(Activation activation, LayerParameters parameters, Network network) {
        this.activation = activation;
        this.weights = network.matrix(transpose(parameters.weights()));
        this.weightGradient = network.zeros(weights.rows(), weights.columns());
        boolean bias = parameters.biases() != null;
        this.biases = bias ? network.matrix(new double[][] {parameters.biases()}) : null;
        this.biasGradient = bias ? network.zeros(1, weights.columns()) : null;
    }

    int inputs() {
        return weights.rows();
    }

    int units() {
        return weights.columns();
    }

    /** output = f(input·W + b), computed in place in {@code output}; {@code sparse}: input's index, or null. */
    void forward(Matrix input, Matrix output, SparseInput sparse) {
        if (sparse != null) {
            sparse.multiply(weights, output);
        }
        else {
            output.assignProduct(input, weights);
        }
        if (biases != null) {
            output.addRowVector(biases);
        }
        output.apply(activation);
    }

    /**
     * From delta = ∂C/∂z, fills dW = inputᵀ·delta and db = Σ rows of delta, and, unless {@code inputGradient} is
     * null (the first layer), ∂C/∂input = delta·Wᵀ. With a {@code rate} above 0, takes plain gradient descent's
     * step at once instead of filling dW: W −= rate·inputᵀ·delta inside the product, b −= rate·db. Writing dW and
     * adding it afterwards took 5% of W5's step. {@code sparse}: input's index, or null.
     */
    void backward(Matrix input, Matrix delta, Matrix inputGradient, double rate, SparseInput sparse) {
        if (inputGradient != null) {
            // from the weights before this step
            inputGradient.assignProductWithTransposed(delta, weights);
        }
        if (rate > 0 && sparse != null) {
            sparse.addTransposedProduct(delta, weights, -rate);
        }
        else if (rate > 0) {
            weights.addTransposedProduct(input, delta, -rate);
        }
        else if (sparse != null) {
            sparse.assignTransposedProduct(delta, weightGradient);
        }
        else {
            weightGradient.assignTransposedProduct(input, delta);
        }
        if (biases != null) {
            biasGradient.assignColumnSums(delta);
            if (rate > 0) {
                biases.addScaled(biasGradient, -rate);
            }
        }
    }

    LayerParameters parameters() {
        return new LayerParameters(transpose(weights.toArray()), biases == null ? null : biases.toArray()[0]);
    }

    static double[][] transpose(double[][] m) {
        int columns = m.length == 0 ? 0 : m[0].length;
        double[][] t = new double[columns][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < columns; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
