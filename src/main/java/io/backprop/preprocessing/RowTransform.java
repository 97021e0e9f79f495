package io.backprop.preprocessing;

import java.util.List;

import io.backprop.network.RowSource;

/**
 * The fitted way from raw rows to what the network sees, kept with a model so that every later prediction is
 * transformed the same way: feature crosses appended to the raw features, then the feature scaling; targets
 * scaled (regression only, null for classifiers) and network outputs scaled back to the targets' units.
 */
public record RowTransform(List<String> featureNames, List<List<String>> featureCrosses, FittedScaling features,
        FittedScaling targets) {

    public RowTransform {
        featureNames = List.copyOf(featureNames);
        featureCrosses = featureCrosses.stream().map(List::copyOf).toList();
    }

    /**
     * Fits the scalings on the rows {@code fitRows} only (the training rows, never the held-out ones).
     *
     * @param targets numeric targets to fit {@code targetScaling} to, or null for a classifier
     */
    public static RowTransform fit(List<String> featureNames, List<List<String>> crosses, Scaling featureScaling,
            RowSource features, List<String> targetNames, Scaling targetScaling, double[][] targets, int[] fitRows) {
        RowSource crossed = FeatureCrosses.apply(features, featureNames, crosses);
        FittedScaling featureFit = FittedScaling.fit(featureScaling, FeatureCrosses.names(featureNames, crosses),
                crossed, fitRows);
        FittedScaling targetFit = targets == null ? null
                : FittedScaling.fit(targetScaling, targetNames, RowSource.of(targets), fitRows);
        return new RowTransform(featureNames, crosses, featureFit, targetFit);
    }

    /** The network's inputs for raw feature rows, computed as they are read. */
    public RowSource inputs(RowSource rawFeatures) {
        return features.apply(FeatureCrosses.apply(rawFeatures, featureNames, featureCrosses));
    }

    /** The same, for rows given as arrays. */
    public double[][] inputs(double[][] rawFeatures) {
        return inputs(RowSource.of(rawFeatures)).toArray();
    }

    /** The network's targets for raw (or, for classifiers, encoded) target rows. */
    public double[][] targets(double[][] rawTargets) {
        return targets == null ? rawTargets : targets.apply(rawTargets);
    }

    /** Network outputs in the targets' own units. */
    public double[][] outputs(double[][] networkOutputs) {
        return targets == null ? networkOutputs : targets.invert(networkOutputs);
    }

    /** How many columns the network's first layer takes. */
    public int inputCount() {
        return features.columns().size();
    }
}
