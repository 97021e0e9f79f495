package io.backprop.export;

import java.util.List;

import io.backprop.model.StoredModel;
import io.backprop.network.LayerParameters;
import io.backprop.network.LayerSpec;
import io.backprop.preprocessing.FittedScaling;
import io.backprop.preprocessing.RowTransform;

/**
 * A trained model as both export formats describe it: raw features in; crossed features appended (products of
 * the named raw features); features scaled as x′ = (x − offset) / divisor; per layer z = W·a + b (W units ×
 * inputs, as the tutorials write it) and its activation; for scaled regression targets y = y′ · divisor + offset.
 */
record ExportedModel(List<String> featureNames, List<int[]> crosses, double[] featureOffsets,
        double[] featureDivisors, List<LayerSpec> layers, List<LayerParameters> parameters, double[] targetOffsets,
        double[] targetDivisors, List<Object> classes) {

    /** The layer's biases; zeros for a layer without bias, so that every layer has the same form. */
    double[] biases(int layer) {
        LayerParameters parameters = this.parameters.get(layer);
        return parameters.biases() != null ? parameters.biases() : new double[parameters.units()];
    }

    static ExportedModel of(StoredModel model) {
        RowTransform transform = model.fit().preprocessing().transform();
        List<String> raw = transform.featureNames();
        List<int[]> crosses = transform.featureCrosses().stream()
                .map(cross -> cross.stream().mapToInt(raw::indexOf).toArray()).toList();
        FittedScaling targets = transform.targets();
        return new ExportedModel(raw, crosses, transform.features().offsets(), transform.features().divisors(),
                model.spec().network().layers(), model.parameters().layers(),
                targets == null ? null : targets.offsets(), targets == null ? null : targets.divisors(),
                model.fit().classes());
    }
}
