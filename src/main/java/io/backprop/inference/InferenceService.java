package io.backprop.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.springframework.stereotype.Service;

import io.backprop.model.ModelService;
import io.backprop.model.ModelStatus;
import io.backprop.model.ModelVersions;
import io.backprop.model.ModelView;
import io.backprop.model.Task;
import io.backprop.prediction.PredictionResponse;
import io.backprop.prediction.PredictionService;
import io.backprop.registry.Registry;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.web.NotFoundException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol's view of the models: a model name is a registered name (its latest version, or the
 * version or alias the version segment names: digits are a version, anything else an alias) or a model id. Its
 * metadata lists the real tensors: {@code features} [-1, features] in, {@code outputs} [-1, outputs] out, and for
 * classifiers {@code label} [-1] (BYTES); the names of the features, outputs and classes are in the
 * {@code backprop} extension member.
 */
@Service
class InferenceService {

    static final String PLATFORM = "backprop_mlp";
    static final String INPUT = "features";
    static final String OUTPUTS = "outputs";
    static final String LABEL = "label";

    private final Registry registry;
    private final ModelVersions versions;
    private final ModelService models;
    private final PredictionService predictions;
    private final RequestLimits limits;
    private final JsonMapper json;

    InferenceService(Registry registry, ModelVersions versions, ModelService models, PredictionService predictions,
            RequestLimits limits, JsonMapper json) {
        this.registry = registry;
        this.versions = versions;
        this.models = models;
        this.predictions = predictions;
        this.limits = limits;
        this.json = json;
    }

    /** A model as a request named it, and the model that answers. */
    record Resolved(String name, ModelView model) {
    }

    /** @throws NotFoundException when nothing of that name, version or alias is the caller's */
    Resolved resolve(String name, String version) {
        boolean registered = versions.modelId(name, null).isPresent();
        String id;
        if (version == null) {
            id = registered || !ResourceIds.wellFormed(name) ? registry.versionId(name, null) : name;
        }
        else if (version.chars().allMatch(Character::isDigit) && version.length() <= 9) {
            id = registry.versionId(name, Integer.parseInt(version));
        }
        else {
            id = registry.aliasId(name, version);
        }
        return new Resolved(name, models.get(id));
    }

    Map<String, Object> metadata(Resolved resolved) {
        ModelView model = resolved.model();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", resolved.name());
        metadata.put("versions", versions.of(resolved.name()).stream().map(v -> String.valueOf(v.version())).toList());
        metadata.put("platform", PLATFORM);
        metadata.put("inputs", List.of(tensor(INPUT, "FP64", -1, features(model).size())));
        List<Map<String, Object>> outputs = new ArrayList<>();
        outputs.add(tensor(OUTPUTS, "FP64", -1, outputNames(model).size()));
        if (model.task() == Task.CLASSIFICATION) {
            outputs.add(tensor(LABEL, "BYTES", -1));
        }
        metadata.put("outputs", outputs);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("version", model.version());
        columns.put("modelId", model.id());
        columns.put("task", model.task());
        columns.put("featureNames", features(model));
        columns.put("outputNames", outputNames(model));
        if (model.classes() != null) {
            columns.put("classes", model.classes());
        }
        metadata.put("backprop", columns);
        return metadata;
    }

    boolean ready(Resolved resolved) {
        return resolved.model().status() == ModelStatus.SUCCEEDED;
    }

    Map<String, Object> infer(Resolved resolved, JsonNode body) {
        ModelView model = resolved.model();
        boolean classifier = model.task() == Task.CLASSIFICATION;
        Set<String> known = new LinkedHashSet<>(classifier ? List.of(OUTPUTS, LABEL) : List.of(OUTPUTS));
        InferenceInput input = InferenceInput.read(body, features(model).size(), known, limits.maxPredictRows());
        PredictionResponse answer = (PredictionResponse) predictions.predict(model.id(),
                json.valueToTree(Map.of("features", input.rows())), false);
        List<String> wanted = input.outputs() != null ? input.outputs() : List.copyOf(known);
        int rows = input.rows().length;
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String name : wanted) {
            if (name.equals(OUTPUTS)) {
                boolean fp32 = input.datatype().equals("FP32");
                int width = rows == 0 ? outputNames(model).size() : answer.outputs()[0].length;
                outputs.add(output(OUTPUTS, fp32 ? "FP32" : "FP64", new int[] {rows, width}, flat(answer.outputs(),
                        fp32)));
            }
            else {
                outputs.add(output(LABEL, "BYTES", new int[] {rows},
                        answer.labels().stream().map(String::valueOf).toList()));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", resolved.name());
        if (model.version() != null) {
            response.put("model_version", String.valueOf(model.version()));
        }
        if (input.id() != null) {
            response.put("id", input.id());
        }
        response.put("outputs", outputs);
        return response;
    }

    private static List<String> features(ModelView model) {
        return model.spec().dataset().featureNames();
    }

    /** What each output column is: a class's probability (softmax), the positive class's, or a target. */
    private static List<String> outputNames(ModelView model) {
        int width = model.spec().network().outputs();
        List<String> targets = model.spec().dataset().targetNames();
        if (model.classes() != null && model.classes().size() == width) {
            return model.classes().stream().map(String::valueOf).toList();
        }
        if (model.classes() != null && width == 1) {
            return List.of(String.valueOf(model.classes().get(model.classes().size() - 1)));
        }
        return targets.size() == width ? targets : IntStream.range(0, width).mapToObj(i -> "output" + i).toList();
    }

    private static Map<String, Object> tensor(String name, String datatype, int... shape) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("datatype", datatype);
        tensor.put("shape", shape);
        return tensor;
    }

    private static Map<String, Object> output(String name, String datatype, int[] shape, Object data) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("name", name);
        output.put("shape", shape);
        output.put("datatype", datatype);
        output.put("data", data);
        return output;
    }

    private static Object flat(double[][] rows, boolean fp32) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        if (fp32) {
            float[] data = new float[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < width; j++) {
                    data[i * width + j] = (float) rows[i][j];
                }
            }
            return data;
        }
        double[] data = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * width, width);
        }
        return data;
    }
}
