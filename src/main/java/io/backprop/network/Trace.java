package io.backprop.network;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass through a network written out as the tutorials write it, in plain float64 arithmetic, rows as
 * examples: per layer Z = A·Wᵀ + b and A = g(Z); with targets, the cost and the backward pass, per layer dZ, dW
 * (units × inputs, like W) and db, each already averaged over the m rows as the cost is. It is for looking
 * inside, on a few rows, not for training: nothing is reused and every step is kept.
 */
public final class Trace {

    /** A layer's values for the traced rows; the gradients are null without targets. */
    public record Layer(double[][] z, double[][] a, double[][] dz, double[][] dw, double[] db) {
    }

    private final NetworkSpec spec;
    private final Parameters parameters;

    public Trace(NetworkSpec spec, Parameters parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** The forward pass: per layer Z and A. */
    public List<Layer> forward(double[][] inputs) {
        List<Layer> layers = new ArrayList<>();
        double[][] a = inputs;
        for (int l = 0; l < spec.layers().size(); l++) {
            double[][] z = affine(a, parameters.layers().get(l));
            a = activate(spec.layers().get(l).activation(), z);
            layers.add(new Layer(z, a, null, null, null));
        }
        return layers;
    }

    /** The cost of the forward pass's outputs against {@code targets}: the mean over rows of the summed loss. */
    public double cost(List<Layer> forward, double[][] targets) {
        double[][] outputs = forward.get(forward.size() - 1).a();
        double sum = 0;
        for (int i = 0; i < outputs.length; i++) {
            for (int k = 0; k < outputs[i].length; k++) {
                sum += spec.loss().of(outputs[i][k], targets[i][k]);
            }
        }
        return sum / outputs.length;
    }

    /** The forward pass and, against {@code targets}, the backward pass: every layer with dZ, dW and db. */
    public List<Layer> backward(double[][] inputs, double[][] targets) {
        List<Layer> forward = forward(inputs);
        int m = inputs.length;
        int last = forward.size() - 1;
        double[][] outputs = forward.get(last).a();
        double[][] delta = new double[m][];
        for (int i = 0; i < m; i++) {
            delta[i] = new double[outputs[i].length];
            for (int k = 0; k < delta[i].length; k++) {
                delta[i][k] = (outputs[i][k] - targets[i][k]) / m;
            }
        }
        Layer[] traced = new Layer[forward.size()];
        // the cross-entropies' gradient with respect to z is ŷ − y; squared error's goes through g′
        boolean fused = spec.loss().fusedWithOutput();
        for (int l = last; l >= 0; l--) {
            Layer layer = forward.get(l);
            double[][] dz = l == last && fused ? delta : throughActivation(spec.layers().get(l).activation(), layer.a(),
                    delta);
            double[][] previous = l == 0 ? inputs : forward.get(l - 1).a();
            LayerParameters p = parameters.layers().get(l);
            traced[l] = new Layer(layer.z(), layer.a(), dz, weightGradient(dz, previous), biasGradient(dz));
            delta = backThroughWeights(dz, p);
        }
        return List.of(traced);
    }

    /**
     * For each row, each output's gradient with respect to each network input (after any scaling): row × output ×
     * input, by one backward pass per output.
     */
    public double[][][] inputGradients(double[][] inputs) {
        List<Layer> forward = forward(inputs);
        int outputs = forward.get(forward.size() - 1).a()[0].length;
        double[][][] gradients = new double[inputs.length][outputs][];
        for (int k = 0; k < outputs; k++) {
            double[][] delta = new double[inputs.length][outputs];
            for (int i = 0; i < inputs.length; i++) {
                delta[i][k] = 1;
            }
            for (int l = forward.size() - 1; l >= 0; l--) {
                double[][] dz = throughActivation(spec.layers().get(l).activation(), forward.get(l).a(), delta);
                delta = backThroughWeights(dz, parameters.layers().get(l));
            }
            for (int i = 0; i < inputs.length; i++) {
                gradients[i][k] = delta[i];
            }
        }
        return gradients;
    }

    private static double[][] affine(double[][] a, LayerParameters p) {
        double[][] z = new double[a.length][p.units()];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < p.units(); j++) {
                double sum = p.biases() == null ? 0 : p.biases()[j];
                for (int k = 0; k < p.inputs(); k++) {
                    sum += p.weights()[j][k] * a[i][k];
                }
                z[i][j] = sum;
            }
        }
        return z;
    }

    private static double[][] activate(Activation g, double[][] z) {
        double[][] a = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            if (g == Activation.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z[i]) {
                    max = Math.max(max, v);
                }
                a[i] = new double[z[i].length];
                double sum = 0;
                for (int k = 0; k < z[i].length; k++) {
                    a[i][k] = Math.exp(z[i][k] - max);
                    sum += a[i][k];
                }
                for (int k = 0; k < z[i].length; k++) {
                    a[i][k] /= sum;
                }
            }
            else {
                a[i] = new double[z[i].length];
                for (int k = 0; k < z[i].length; k++) {
                    a[i][k] = g.apply(z[i][k]);
                }
            }
        }
        return a;
    }

    /** dZ from dA: g′ elementwise, or the softmax's Jacobian row by row (a ⊙ (dA − dA·a)). */
    private static double[][] throughActivation(Activation g, double[][] a, double[][] da) {
        double[][] dz = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            dz[i] = new double[a[i].length];
            if (g == Activation.SOFTMAX) {
                double dot = 0;
                for (int k = 0; k < a[i].length; k++) {
                    dot += da[i][k] * a[i][k];
                }
                for (int k = 0; k < a[i].length; k++) {
                    dz[i][k] = a[i][k] * (da[i][k] - dot);
                }
            }
            else {
                for (int k = 0; k < a[i].length; k++) {
                    dz[i][k] = da[i][k] * g.slope(a[i][k]);
                }
            }
        }
        return dz;
    }

    private static double[][] weightGradient(double[][] dz, double[][] previous) {
        int units = dz[0].length;
        int inputs = previous[0].length;
        double[][] dw = new double[units][inputs];
        for (int i = 0; i < dz.length; i++) {
            for (int j = 0; j < units; j++) {
                for (int k = 0; k < inputs; k++) {
                    dw[j][k] += dz[i][j] * previous[i][k];
                }
            }
        }
        return dw;
    }

    private static double[] biasGradient(double[][] dz) {
        double[] db = new double[dz[0].length];
        for (double[] row : dz) {
            for (int j = 0; j < row.length; j++) {
                db[j] += row[j];
            }
        }
        return db;
    }

    private static double[][] backThroughWeights(double[][] dz, LayerParameters p) {
        double[][] da = new double[dz.length][p.inputs()];
        for (int i = 0; i < dz.length; i++) {
            for (int j = 0; j < p.units(); j++) {
                for (int k = 0; k < p.inputs(); k++) {
                    da[i][k] += dz[i][j] * p.weights()[j][k];
                }
            }
        }
        return da;
    }
}
