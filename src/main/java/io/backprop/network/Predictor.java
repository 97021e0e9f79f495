package io.backprop.network;

import java.util.EnumMap;
import java.util.Map;

/** Answers from trained parameters, safely from many threads; each call picks the backend that suits its size. */
public final class Predictor {

    private final NetworkSpec spec;
    private final Parameters parameters;
    private final Map<Backend, Network> networks = new EnumMap<>(Backend.class);

    public Predictor(NetworkSpec spec, Parameters parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** The last layer's outputs, one row per row of {@code features}. */
    public double[][] predict(double[][] features) {
        Network network = network(features.length);
        Network.Workspace workspace = network.workspace(features.length, false);
        return network.forward(network.matrix(features), workspace).toArray();
    }

    /** The mean loss over the examples: the cost the network was trained to lower. */
    public double cost(Examples examples) {
        examples.requireFits(spec);
        Network network = network(examples.rows());
        Network.Workspace workspace = network.workspace(examples.rows(), false);
        Matrix predictions = network.forward(network.matrix(examples.features()), workspace);
        return predictions.lossSum(spec.loss(), network.matrix(examples.targets())) / examples.rows();
    }

    /** Layers are built once per backend and only read afterwards, so calls can share them. */
    private synchronized Network network(int rows) {
        return networks.computeIfAbsent(Backend.choose(spec, rows), backend -> new Network(spec, parameters, backend));
    }
}
