package io.backprop.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.openblas.global.openblas;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import io.backprop.dataset.RowStore;
import io.backprop.model.spec.ModelSpec;
import io.backprop.network.Backend;
import io.backprop.training.JobResult;
import io.backprop.training.TrainingJob;
import tools.jackson.databind.json.JsonMapper;

/** Writes a model's receipt when it succeeds: its inputs' and its parameters' digests, and what computed them. */
@Component
class Receipts {

    private final ModelRepository models;
    private final ModelDatasetRepository datasets;
    private final RowStore rows;
    private final JsonMapper json;
    private final Map<String, String> versions;

    Receipts(ModelRepository models, ModelDatasetRepository datasets, RowStore rows, JsonMapper json,
            ObjectProvider<BuildProperties> build) {
        this.models = models;
        this.datasets = datasets;
        this.rows = rows;
        this.json = json;
        BuildProperties properties = build.getIfAvailable();
        Map<String, String> known = new LinkedHashMap<>();
        known.put("nd4j", properties == null ? "unknown" : properties.get("nd4j.version"));
        known.put("openblas", properties == null ? "unknown" : properties.get("openblas.version"));
        known.put("java", Runtime.version().toString());
        this.versions = Collections.unmodifiableMap(known);
    }

    /** The receipt of a queued job's model, whose spec and rows are read back. */
    Receipt of(TrainingJob job, JobResult result) {
        Model model = models.findById(job.modelId()).orElseThrow(() -> new ModelNotFoundException(job.modelId()));
        String rowSetId = datasets.findById(job.modelId()).map(ModelDataset::rowSetId).orElse(null);
        return of(model.spec(), rowSetId, job, result);
    }

    /** The receipt of a model trained from {@code spec} on the row set {@code rowSetId}. */
    Receipt of(ModelSpec spec, String rowSetId, TrainingJob job, JobResult result) {
        Backend backend = Backend.choose(job.spec(), job.options().batchRows(job.training().rows()));
        return new Receipt(spec.training().seed(), rowSetId == null ? null : rows.get(rowSetId).sha256(),
                sha256(json.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8)),
                backend.name().toLowerCase(), job.spec().precision().toString(), versions,
                backend == Backend.ND4J ? openblas.blas_get_num_threads() : 1, result.sparseInput(),
                sha256(ParametersCodec.encode(result.parameters())));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
