package io.backprop.prediction;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes predictions as they are computed, a block of rows at a time, so that predicting a whole stored data
 * set never holds all its answers. CSV: one line per row (regression: the outputs in the targets' units, under
 * the targets' names; classifiers: the class, then each class's probability under the class's name). JSON: the
 * answer of an ordinary prediction without the probabilities (for a classifier they are its outputs); only the
 * labels, one reference per row, wait for the end.
 */
abstract class PredictionWriter {

    abstract void write(PredictionResponse block) throws IOException;

    abstract void finish() throws IOException;

    static PredictionWriter csv(OutputStream out, TrainedModel model) throws IOException {
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                1 << 16);
        List<String> header = new ArrayList<>();
        if (model.classifier()) {
            header.add("label");
            model.labels().classes().forEach(c -> header.add(String.valueOf(c)));
        }
        else {
            header.addAll(model.spec().dataset().targetNames());
        }
        writer.write(String.join(",", header.stream().map(PredictionWriter::quoted).toList()));
        writer.write('\n');
        return new PredictionWriter() {

            @Override
            void write(PredictionResponse block) throws IOException {
                for (int i = 0; i < block.outputs().length; i++) {
                    if (block.labels() != null) {
                        Object label = block.labels().get(i);
                        writer.write(label == null ? "" : quoted(String.valueOf(label)));
                        for (double probability : block.probabilities().get(i).values()) {
                            writer.write(',');
                            writer.write(Double.toString(probability));
                        }
                    }
                    else {
                        double[] row = block.outputs()[i];
                        for (int k = 0; k < row.length; k++) {
                            writer.write(k == 0 ? "" : ",");
                            writer.write(Double.toString(row[k]));
                        }
                    }
                    writer.write('\n');
                }
            }

            @Override
            void finish() throws IOException {
                writer.flush();
            }
        };
    }

    static PredictionWriter json(OutputStream out, JsonMapper mapper) {
        JsonGenerator json = mapper.createGenerator(out);
        json.writeStartObject();
        json.writeName("outputs");
        json.writeStartArray();
        List<Object> labels = new ArrayList<>();
        return new PredictionWriter() {

            @Override
            void write(PredictionResponse block) {
                for (double[] row : block.outputs()) {
                    json.writeArray(row, 0, row.length);
                }
                if (block.labels() != null) {
                    labels.addAll(block.labels());
                }
            }

            @Override
            void finish() {
                json.writeEndArray();
                if (!labels.isEmpty()) {
                    json.writePOJOProperty("labels", labels);
                }
                json.writeEndObject();
                json.close();
            }
        };
    }

    /** A CSV value, quoted when it holds a comma, a quote or a line break. */
    private static String quoted(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }
}
