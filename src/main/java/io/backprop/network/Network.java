package io.backprop.network;

import java.util.ArrayList;
import java.util.List;

/** A network's layers on one backend: forward pass, backward pass and the gradient step. Not thread-safe. */
final class Network {

    final NetworkSpec spec;
    private final Backend backend;
    private final List<DenseLayer> layers = new ArrayList<>();
    /** The matrices that live as long as this network: parameters, and what training allocates. */
    private final Allocation own;

    Network(NetworkSpec spec, Parameters parameters, Backend backend) {
        this.spec = spec;
        this.backend = backend;
        this.own = new Allocation(backend, spec.precision());
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerParameters layer = parameters.layers().get(l);
            if (layer.units() != spec.layers().get(l).units() || layer.inputs() != spec.inputsOf(l)) {
                throw new IllegalArgumentException("layer " + l + ": parameters are " + layer.units() + " × "
                        + layer.inputs() + " but the spec needs " + spec.layers().get(l).units() + " × "
                        + spec.inputsOf(l) + " (units × inputs)");
            }
            layers.add(new DenseLayer(spec.layers().get(l).activation(), layer, this));
        }
    }

    List<DenseLayer> layers() {
        return layers;
    }

    Matrix matrix(double[][] values) {
        return own.of(RowSource.of(values));
    }

    Matrix matrix(RowSource values) {
        return own.of(values);
    }

    Matrix zeros(int rows, int columns) {
        return own.zeros(rows, columns);
    }

    /** Matrices for one piece of work that the caller frees itself, such as one prediction. */
    Allocation allocation() {
        return new Allocation(backend, spec.precision());
    }

    /** Buffers for passes over {@code rows} examples: each layer's output and, when training, its delta. */
    Workspace workspace(int rows, boolean training) {
        return workspace(rows, training, own);
    }

    Workspace workspace(int rows, boolean training, Allocation allocation) {
        Matrix[] outputs = new Matrix[layers.size()];
        Matrix[] deltas = training ? new Matrix[layers.size()] : null;
        Matrix[] masks = new Matrix[layers.size()];
        Matrix[] thinned = new Matrix[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            outputs[l] = allocation.zeros(rows, layers.get(l).units());
            if (training) {
                deltas[l] = allocation.zeros(rows, layers.get(l).units());
            }
            if (training && spec.layers().get(l).dropout() > 0) {
                masks[l] = allocation.zeros(rows, layers.get(l).units());
                thinned[l] = allocation.zeros(rows, layers.get(l).units());
            }
        }
        return new Workspace(rows, outputs, deltas, masks, thinned, null);
    }

    /** Draws new dropout masks for the workspace's next forward pass (none without dropout). */
    void drawDropout(Workspace workspace, java.util.Random random) {
        for (int l = 0; l < layers.size(); l++) {
            if (workspace.masks()[l] != null) {
                workspace.masks()[l].fillDropoutMask(random, spec.layers().get(l).dropout());
            }
        }
    }

    /** Runs the layers over {@code input}; returns the last layer's output (a buffer of the workspace). */
    Matrix forward(Matrix input, Workspace workspace) {
        input.requireShape("features for layer 0 (" + layers.get(0).units() + " units)", workspace.rows(),
                spec.inputs());
        Matrix x = input;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(x, workspace.outputs()[l], l == 0 ? workspace.sparseInput() : null);
            x = workspace.outputs()[l];
            if (workspace.masks()[l] != null) {
                workspace.thinned()[l].assignElementProduct(x, workspace.masks()[l]);
                x = workspace.thinned()[l];
            }
        }
        return x;
    }

    /**
     * Fills every layer's gradients of the mean cost over the rows of the last forward pass. The output's delta
     * starts as (ŷ − y)/m: ∂C/∂ŷ for squared error, already ∂C/∂z where the loss folds in the output activation;
     * with {@code rowWeights} (rows × 1, null: all 1) each row's is multiplied by its weight. Where a layer's
     * outputs were thinned by dropout, ∂C/∂a is ∂C/∂(thinned a) times the same mask.
     */
    void backward(Matrix input, Matrix targets, Workspace workspace, Matrix rowWeights) {
        backward(input, targets, workspace, rowWeights, 0);
    }

    /**
     * The same, taking plain gradient descent's step at {@code rate} layer by layer as it goes instead of filling
     * the gradients (see {@link DenseLayer#backward}): for an optimizer with nothing else to apply to them.
     */
    void backwardAndStep(Matrix input, Matrix targets, Workspace workspace, Matrix rowWeights, double rate) {
        backward(input, targets, workspace, rowWeights, rate);
    }

    private void backward(Matrix input, Matrix targets, Workspace workspace, Matrix rowWeights, double rate) {
        int last = layers.size() - 1;
        Matrix[] outputs = workspace.outputs();
        Matrix[] deltas = workspace.deltas();
        targets.requireShape("targets of layer " + last + " (" + layers.get(last).units() + " units)",
                workspace.rows(), spec.outputs());
        deltas[last].assignDifference(outputs[last], targets, 1.0 / workspace.rows());
        if (rowWeights != null) {
            deltas[last].multiplyRows(rowWeights);
        }
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            if (l < last || !spec.loss().fusedWithOutput()) {
                deltas[l].multiplyByDerivative(layer.activation, outputs[l]);
            }
            if (l == 0) {
                layer.backward(input, deltas[0], null, rate, workspace.sparseInput());
            }
            else {
                layer.backward(workspace.layerInput(l), deltas[l], deltas[l - 1], rate, null);
            }
            if (l > 0 && workspace.masks()[l - 1] != null) {
                deltas[l - 1].multiplyElements(workspace.masks()[l - 1]);
            }
        }
    }

    void backward(Matrix input, Matrix targets, Workspace workspace) {
        backward(input, targets, workspace, null);
    }

    /**
     * Each row's class weight (rows × 1) from one-hot targets (or a single 0/1 output), see
     * {@link Regularisation}: r = Y·w, or w₀ + (w₁ − w₀)·y.
     */
    static void assignRowWeights(Matrix rowWeights, Matrix targets, double[] classWeights) {
        int outputs = targets.columns();
        for (int r = 0; r < targets.rows(); r++) {
            double weight = 0;
            if (outputs == 1) {
                weight = classWeights[0] + (classWeights[1] - classWeights[0]) * targets.get(r);
            }
            for (int k = 0; outputs > 1 && k < outputs; k++) {
                weight += targets.get(r * outputs + k) * classWeights[k];
            }
            rowWeights.set(r, weight);
        }
    }

    /** Every parameter with its gradient and {@code stateTensors} zero buffers of its shape for an optimizer. */
    Updater.Slot[] slots(int stateTensors) {
        List<Updater.Slot> slots = new ArrayList<>();
        for (DenseLayer layer : layers) {
            slots.add(slot(layer.weights, layer.weightGradient, stateTensors));
            if (layer.biases != null) {
                slots.add(slot(layer.biases, layer.biasGradient, stateTensors));
            }
        }
        return slots.toArray(Updater.Slot[]::new);
    }

    private Updater.Slot slot(Matrix parameter, Matrix gradient, int stateTensors) {
        return new Updater.Slot(parameter, gradient,
                stateTensors > 0 ? zeros(parameter.rows(), parameter.columns()) : null,
                stateTensors > 1 ? zeros(parameter.rows(), parameter.columns()) : null);
    }

    /** The penalties' gradients: adds λ₂·W + λ₁·sign(W) to every weight gradient (biases are not penalised). */
    void addPenaltyGradients(double l1, double l2) {
        for (DenseLayer layer : layers) {
            if (l2 > 0) {
                layer.weightGradient.addScaled(layer.weights, l2);
            }
            if (l1 > 0) {
                layer.weightGradient.addSigns(layer.weights, l1);
            }
        }
    }

    /** The penalties λ₁·Σ|W| + (λ₂/2)·Σ W² that L1 and L2 add to the cost. */
    double weightPenalty(double l1, double l2) {
        double penalty = 0;
        for (DenseLayer layer : layers) {
            penalty += (l2 > 0 ? l2 / 2 * layer.weights.sumOfSquares() : 0)
                    + (l1 > 0 ? l1 * layer.weights.sumOfAbs() : 0);
        }
        return penalty;
    }

    /** Max-norm: scales each unit's incoming weights (a column of W, held inputs × units) down to norm c. */
    void limitUnitNorms(double bound) {
        for (DenseLayer layer : layers) {
            layer.weights.limitColumnNorms(bound);
        }
    }

    /** The largest absolute weight or bias; NaN if any is NaN. */
    double largestParameter() {
        double largest = 0;
        for (DenseLayer layer : layers) {
            largest = Math.max(largest, layer.weights.maxAbs());
            if (layer.biases != null) {
                largest = Math.max(largest, layer.biases.maxAbs());
            }
        }
        return largest;
    }

    /** Buffers shaped like this network's parameters, to keep a copy of them. */
    Matrix[] snapshotBuffers() {
        Matrix[] buffers = new Matrix[2 * layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            buffers[2 * l] = zeros(layer.weights.rows(), layer.weights.columns());
            buffers[2 * l + 1] = layer.biases == null ? null : zeros(1, layer.units());
        }
        return buffers;
    }

    void copyParametersTo(Matrix[] buffers) {
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            buffers[2 * l].assign(layer.weights);
            if (layer.biases != null) {
                buffers[2 * l + 1].assign(layer.biases);
            }
        }
    }

    void restoreParametersFrom(Matrix[] buffers) {
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            layer.weights.assign(buffers[2 * l]);
            if (layer.biases != null) {
                layer.biases.assign(buffers[2 * l + 1]);
            }
        }
    }

    /** The mean loss over {@code rows} with the current parameters, computed in {@code workspace}. */
    double cost(Matrix features, Matrix targets, Workspace workspace) {
        return forward(features, workspace).lossSum(spec.loss(), targets) / workspace.rows();
    }

    Parameters parameters() {
        List<LayerParameters> result = new ArrayList<>();
        for (DenseLayer layer : layers) {
            result.add(layer.parameters());
        }
        return new Parameters(result);
    }

    /**
     * Frees the native memory of every matrix this network made (parameters, buffers, data it loaded) at once,
     * rather than when the collector gets to them; the network and its matrices are not used afterwards.
     */
    void close() {
        own.close();
    }

    /**
     * Per-row-count buffers: layer outputs, and for training the deltas ∂C/∂z of each layer and, for layers with
     * dropout, the mask and the outputs it thinned (null elsewhere). With a {@code sparseInput} (else null), the
     * first layer's products read its index of the batch's nonzero values, and not the input matrix.
     */
    record Workspace(int rows, Matrix[] outputs, Matrix[] deltas, Matrix[] masks, Matrix[] thinned,
            SparseInput sparseInput) {

        Workspace withSparseInput(SparseInput sparse) {
            return new Workspace(rows, outputs, deltas, masks, thinned, sparse);
        }

        /** What layer {@code l} read in the last forward pass: its predecessor's outputs, thinned where dropped. */
        Matrix layerInput(int l) {
            return masks[l - 1] != null ? thinned[l - 1] : outputs[l - 1];
        }
    }
}
