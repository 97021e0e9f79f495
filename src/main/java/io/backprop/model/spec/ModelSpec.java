package io.backprop.model.spec;

import java.util.ArrayList;
import java.util.List;

import io.backprop.dataset.RowSet;
import io.backprop.network.Activation;
import io.backprop.network.LayerSpec;
import io.backprop.network.NetworkSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model's full specification with every default filled in: what was trained, on what, and how. */
@Schema(description = "The model's specification with every default filled in")
public record ModelSpec(Architecture architecture, Training training, Preprocessing preprocessing,
        DatasetSummary dataset,
        @Schema(description = "The model whose trained parameters this one started from, if any") String initFrom) {

    /**
     * The request's choices, and the defaults where it made none: the one place defaults are filled in.
     * {@code seed} is used when the request gave none, {@code maxSeconds} (the server's limit) when it set no
     * time limit; {@code rows} is null when they could not be read (the checks say why), and so is the summary.
     */
    public static ModelSpec of(TrainingRequest request, RowSet rows, long seed, int maxSeconds) {
        return new ModelSpec(request.architecture() == null ? null : request.architecture().withDefaults(),
                (request.training() != null ? request.training() : Training.NONE).withDefaults(seed, maxSeconds),
                (request.preprocessing() != null ? request.preprocessing() : Preprocessing.NONE).withDefaults(),
                rows == null ? null : DatasetSummary.of(request.datasetId(), rows), request.initFrom());
    }

    /** The network: its inputs are the feature columns plus one per feature cross. */
    public NetworkSpec network() {
        List<LayerSpec> layers = new ArrayList<>();
        for (Layer layer : architecture.layers()) {
            layers.add(layer.spec());
        }
        return new NetworkSpec(dataset.features() + preprocessing.featureCrosses().size(), layers, architecture.loss(),
                architecture.precision());
    }

    public Activation outputActivation() {
        return architecture.output();
    }

    public int outputUnits() {
        return architecture.last().units();
    }
}
