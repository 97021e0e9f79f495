package io.backprop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;

/**
 * The shared benchmark data that {@code ../shared/bench/gen_data.py} writes (the NumPy reference generates it
 * on its first run): examples, and each workload's initial weights, stored n_in × n_out and turned here into
 * the engine's units × inputs.
 */
final class BenchData {

    private final Path directory;

    BenchData(Path directory) {
        this.directory = directory;
    }

    boolean complete() {
        return Files.exists(directory.resolve("w5_y.csv"));
    }

    /** Rows of a comma-separated file of numbers (no header). */
    double[][] csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve(name));
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = lines.get(i).split(",");
            rows[i] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                rows[i][j] = Double.parseDouble(cells[j]);
            }
        }
        return rows;
    }

    /** Columns [from, to) of every row. */
    static double[][] columns(double[][] rows, int from, int to) {
        double[][] selected = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = java.util.Arrays.copyOfRange(rows[i], from, to);
        }
        return selected;
    }

    /** The initial weights and biases of every layer of a workload (biases absent where the file is). */
    Parameters initial(String workload) throws IOException {
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; Files.exists(directory.resolve(workload + "_W" + l + ".csv")); l++) {
            double[][] weights = transpose(csv(workload + "_W" + l + ".csv"));
            Path biases = directory.resolve(workload + "_b" + l + ".csv");
            layers.add(new LayerParameters(weights, Files.exists(biases) ? csv(biases.getFileName().toString())[0]
                    : null));
        }
        return new Parameters(layers);
    }

    /** The 60,000 × 784 byte "pixels" of W5 as features in [0, 1] (rounded through float32 like the reference). */
    double[][] pixels() throws IOException {
        byte[] bytes = Files.readAllBytes(directory.resolve("w5_X.u8"));
        double[][] rows = new double[bytes.length / 784][784];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 784; j++) {
                rows[i][j] = (float) ((bytes[i * 784 + j] & 0xFF) / 255.0f);
            }
        }
        return rows;
    }

    /** One-hot rows for integer labels, one per line. */
    double[][] oneHot(String name, int classes) throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve(name));
        double[][] rows = new double[lines.size()][classes];
        for (int i = 0; i < rows.length; i++) {
            rows[i][Integer.parseInt(lines.get(i).trim())] = 1;
        }
        return rows;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
