package io.backprop.dataset;

import java.util.List;
import java.util.function.Consumer;

import io.backprop.preprocessing.LabelEncoding;

/**
 * Gathers rows as they arrive into blocks of about a chunk's size: feature rows stream through (one block
 * filled at a time, each handed on as soon as it is full), the targets come at the end, class labels as class
 * numbers. What becomes of the blocks (encoding, naming, storing) is the sink's business, so that it can be done
 * on another thread while reading goes on.
 */
final class RowSetWriter {

    /** About this many bytes of float64 values per chunk: large enough to store fast, small enough to hold. */
    static final int CHUNK_BYTES = 1 << 20;

    private final Consumer<RowBlock> sink;
    private Part features;

    RowSetWriter(Consumer<RowBlock> sink) {
        this.sink = sink;
    }

    /** Adds a row of features, as long as the first; the array may be reused by the caller afterwards. */
    void addFeatures(double[] row) {
        if (features == null) {
            features = new Part(RowChunk.Part.FEATURES, row.length);
        }
        features.add(row);
    }

    /**
     * Hands on the last features and the targets, one per feature row: numeric {@code targets} (of no columns for
     * features alone), or class {@code labels} as class numbers.
     *
     * @return the classes, in the order of their numbers; null for numeric targets
     */
    List<Object> finish(double[][] targets, List<Object> labels) {
        features.flush();
        if (labels == null && targets[0].length == 0) {
            return null; // features alone: no target chunks
        }
        List<Object> classes = labels == null ? null : LabelEncoding.classes(labels);
        Part part = new Part(RowChunk.Part.TARGETS, labels == null ? targets[0].length : 1);
        if (labels == null) {
            for (double[] row : targets) {
                part.add(row);
            }
        }
        else {
            double[] number = new double[1];
            for (int position : LabelEncoding.positions(labels, classes)) {
                number[0] = position;
                part.add(number);
            }
        }
        part.flush();
        return classes;
    }

    /** The block being filled for one part. */
    private final class Part {

        private final RowChunk.Part part;
        private final int columns;
        private final int blockRows;
        private double[] values;
        private int filled;
        private int rows;

        Part(RowChunk.Part part, int columns) {
            this.part = part;
            this.columns = columns;
            this.blockRows = Math.max(1, CHUNK_BYTES / (columns * Double.BYTES));
        }

        void add(double[] row) {
            if (values == null) {
                values = new double[blockRows * columns];
            }
            System.arraycopy(row, 0, values, filled * columns, columns);
            rows++;
            if (++filled == blockRows) {
                flush();
            }
        }

        void flush() {
            if (filled > 0) {
                sink.accept(new RowBlock(part, rows - filled, filled, columns, values));
                values = null;
                filled = 0;
            }
        }
    }
}
