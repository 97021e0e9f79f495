package io.backprop.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.backprop.preprocessing.LabelEncoding;

/**
 * Turns rows into stored chunks as they arrive: feature rows stream through (one chunk's worth held at a time),
 * the targets come at the end. Each full chunk goes to the sink at once and into the SHA-256 digest that
 * names the content, so two uploads of the same rows, in any format, name the same content.
 */
final class RowSetWriter {

    /** About this many bytes of float64 values per chunk: large enough to store fast, small enough to hold. */
    static final int CHUNK_BYTES = 1 << 20;

    /** Where chunks go as they are made. */
    interface Sink {
        void accept(RowChunk chunk);
    }

    /** What was written: its digest, shape, classes (null unless the targets are class numbers) and bytes. */
    record Content(String sha256, int rows, int features, int targets, List<Object> classes, long bytes) {
    }

    private final Sink sink;
    private final boolean float32;
    private final MessageDigest digest;
    private Part features;
    private long bytes;

    /** @param float32 round every value to float32 (the data set is declared float32) */
    RowSetWriter(boolean float32, Sink sink) {
        this.sink = sink;
        this.float32 = float32;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Adds a row of features, as long as the first; the array may be reused by the caller afterwards. */
    void addFeatures(double[] row) {
        if (features == null) {
            features = new Part(RowChunk.Part.FEATURES, row.length);
        }
        features.add(row);
    }

    /** Bytes of the chunks made so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Writes the targets, one per feature row: numeric {@code targets}, or class {@code labels}, stored as class
     * numbers into their classes.
     */
    Content finish(double[][] targets, List<Object> labels) {
        features.flush();
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
        if (classes != null) {
            for (Object label : classes) {
                String typed = (label instanceof String ? "s:" : "n:") + label + "\n";
                digest.update(typed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Content(HexFormat.of().formatHex(digest.digest()), features.rows, features.columns, part.columns,
                classes, bytes);
    }

    /** The chunk being filled for one part. */
    private final class Part {

        private final RowChunk.Part part;
        private final int columns;
        private final int chunkRows;
        private final double[] buffer;
        private int filled;
        private int rows;

        Part(RowChunk.Part part, int columns) {
            this.part = part;
            this.columns = columns;
            this.chunkRows = Math.max(1, CHUNK_BYTES / (columns * Double.BYTES));
            this.buffer = new double[chunkRows * columns];
        }

        void add(double[] row) {
            int at = filled * columns;
            for (int j = 0; j < columns; j++) {
                buffer[at + j] = float32 ? (float) row[j] : row[j];
            }
            rows++;
            if (++filled == chunkRows) {
                flush();
            }
        }

        void flush() {
            if (filled == 0) {
                return;
            }
            int count = filled * columns;
            boolean narrow = float32 || allFloat32(count);
            ByteBuffer content = ByteBuffer.allocate(count * (narrow ? Float.BYTES : Double.BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (narrow) {
                for (int i = 0; i < count; i++) {
                    content.putFloat((float) buffer[i]);
                }
            }
            else {
                content.asDoubleBuffer().put(buffer, 0, count);
            }
            RowChunk chunk = new RowChunk(part, rows - filled, filled, narrow, content.array());
            digest.update((part.code + ":" + chunk.rows() + "x" + columns + (narrow ? ":f4\n" : ":f8\n"))
                    .getBytes(StandardCharsets.US_ASCII));
            digest.update(chunk.content());
            bytes += chunk.content().length;
            filled = 0;
            sink.accept(chunk);
        }

        private boolean allFloat32(int count) {
            for (int i = 0; i < count; i++) {
                if ((float) buffer[i] != buffer[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
