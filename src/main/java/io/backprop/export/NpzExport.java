package io.backprop.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.backprop.network.Activation;
import io.backprop.network.LayerParameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NumPy archive, as {@code np.load} reads it: per layer l (from 1) {@code W<l>} (units × inputs) and
 * {@code b<l>} (units × 1), float64, so that {@code Z = W @ A + b} with examples as columns, as in the tutorials;
 * {@code feature_offset} and {@code feature_divisor} (and {@code target_offset}, {@code target_divisor} for
 * scaled regression targets); and {@code architecture.json} with the layers' activations, the feature names, the
 * crosses and the classes.
 */
final class NpzExport {

    private NpzExport() {
    }

    static byte[] write(ExportedModel model, JsonMapper json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int l = 0; l < model.parameters().size(); l++) {
                LayerParameters layer = model.parameters().get(l);
                double[][] biases = new double[layer.units()][1];
                for (int j = 0; j < biases.length; j++) {
                    biases[j][0] = model.biases(l)[j];
                }
                entry(zip, "W" + (l + 1) + ".npy", Nd4j.create(layer.weights()));
                entry(zip, "b" + (l + 1) + ".npy", Nd4j.create(biases));
            }
            entry(zip, "feature_offset.npy", Nd4j.createFromArray(model.featureOffsets()));
            entry(zip, "feature_divisor.npy", Nd4j.createFromArray(model.featureDivisors()));
            if (model.targetOffsets() != null) {
                entry(zip, "target_offset.npy", Nd4j.createFromArray(model.targetOffsets()));
                entry(zip, "target_divisor.npy", Nd4j.createFromArray(model.targetDivisors()));
            }
            zip.putNextEntry(new ZipEntry("architecture.json"));
            zip.write(json.writeValueAsString(architecture(model)).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Nd4j.toNpyByteArray(array));
        zip.closeEntry();
    }

    private static Map<String, Object> architecture(ExportedModel model) {
        List<Map<String, Object>> layers = new ArrayList<>();
        model.layers().forEach(layer -> layers.add(Map.of("units", layer.units(),
                "activation", layer.activation().toString())));
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("featureNames", model.featureNames());
        architecture.put("featureCrosses", model.crosses());
        architecture.put("layers", layers);
        architecture.put("leakyReluSlope", Activation.LEAKY_SLOPE);
        architecture.put("classes", model.classes());
        architecture.put("forward", "x = raw features, crossed features appended; a = (x - feature_offset) / "
                + "feature_divisor; per layer l: a = activation_l(W_l @ a + b_l) with examples as columns; "
                + "regression: y = a * target_divisor + target_offset");
        return architecture;
    }
}
