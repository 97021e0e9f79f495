package io.backprop.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's two products for float32 rows that are mostly zero, such as images' pixels: the rows' nonzero
 * values are indexed once per training run, and each batch's products visit those values alone (W5's rows are
 * one fifth nonzero; OpenBLAS multiplies all of them). Built on the incubating Vector API, whose module the JVM
 * must be given ({@code --add-modules jdk.incubator.vector}); {@link SparseInputChoice} decides when it is used.
 * A value's contribution is summed in registers, eight vectors of units at a time: a loop that read and wrote its
 * sums in an array ran twice as long, and Java 17's JIT does not vectorise plain loops over two 128-float rows
 * at offsets at all.
 */
final class SparseInput {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Units summed in registers at once. */
    static final int BLOCK = 8 * LANES;
    /** Rows read into the heap at once from rows already in the engine's memory. */
    private static final int READ_ROWS = 1_024;

    /** Index entries per chunk: chunks are added as rows are indexed, so nothing is copied to grow. */
    private static final int CHUNK = 1 << 20;
    /**
     * The index takes 8 bytes a value it holds; holding at most half the values, it is never larger than the rows
     * loaded as float32 (what {@link TrainingMemory} counts for them). Denser rows keep to OpenBLAS.
     */
    static final double MAX_INDEXED_SHARE = 0.5;

    private final int inputs;
    private final int units;
    /** Row r's nonzero values are [rowStart[r], rowEnd[r]) of chunk rowChunk[r]. */
    private final int[] rowChunk;
    private final int[] rowStart;
    private final int[] rowEnd;
    /** Each nonzero value's input, as the offset of its row of weights (input × units), and the value. */
    private final List<int[]> weightRows = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private final int chunkSize;
    private final long maxEntries;
    private long entries;
    /** The batch: rows [from, from + count) of the rows' order, or of {@code order} when it is not null. */
    private int[] order;
    private int from;
    private int count;
    /** The weights the last forward pass read, and its heap copy of them, until the backward pass's step. */
    private Matrix weightsRead;
    private float[] weightsCopy;

    private SparseInput(int rows, int inputs, int units) {
        this.inputs = inputs;
        this.units = units;
        this.rowChunk = new int[rows];
        this.rowStart = new int[rows];
        this.rowEnd = new int[rows];
        this.maxEntries = (long) (rows * (double) inputs * MAX_INDEXED_SHARE);
        this.chunkSize = (int) Math.max(inputs, Math.min(CHUNK, maxEntries));
    }

    /**
     * Indexes the loaded rows {@code features} (rows × inputs) for a first layer of {@code units} units; null when
     * they hold too many nonzero values (see {@link #MAX_INDEXED_SHARE}).
     */
    static SparseInput of(Matrix features, int units) {
        SparseInput index = new SparseInput(features.rows(), features.columns(), units);
        for (int from = 0; from < features.rows(); from += READ_ROWS) {
            int rows = Math.min(READ_ROWS, features.rows() - from);
            float[] block = ((Nd4jMatrix) features.rowBlock(from, rows)).heapFloats();
            for (int i = 0; i < rows; i++) {
                if (!index.add(from + i, block, i * index.inputs)) {
                    return null;
                }
            }
        }
        return index;
    }

    /** The same for rows read from {@code features}. */
    static SparseInput of(RowSource features, int units) {
        SparseInput index = new SparseInput(features.rows(), features.columns(), units);
        float[] row = new float[features.columns()];
        for (int r = 0; r < features.rows(); r++) {
            features.read(r, row, 0);
            if (!index.add(r, row, 0)) {
                return null;
            }
        }
        return index;
    }

    /**
     * Indexes row {@code r}'s values, {@code x[at..at + inputs)}; false past {@link #maxEntries}. Without a
     * branch: the end advances by one for a nonzero value (its bits, sign aside, are not all zero), as a
     * mispredicted branch per value cost more.
     */
    private boolean add(int r, float[] x, int at) {
        int chunk = values.size() - 1;
        int n = r == 0 ? 0 : rowEnd[r - 1];
        if (chunk < 0 || chunkSize - n < inputs) {
            weightRows.add(new int[chunkSize]);
            values.add(new float[chunkSize]);
            chunk++;
            n = 0;
        }
        int[] offsets = weightRows.get(chunk);
        float[] v = values.get(chunk);
        rowChunk[r] = chunk;
        rowStart[r] = n;
        for (int j = 0; j < inputs; j++, at++) {
            int magnitude = Float.floatToRawIntBits(x[at]) << 1;
            offsets[n] = j * units;
            v[n] = x[at];
            n += (magnitude | -magnitude) >>> 31;
        }
        rowEnd[r] = n;
        entries += n - rowStart[r];
        return entries <= maxEntries;
    }

    /** The batch the products are of: {@code count} rows from {@code from} on, in {@code order} (null: the rows'). */
    void select(int[] order, int from, int count) {
        this.order = order;
        this.from = from;
        this.count = count;
    }

    private int row(int i) {
        return order == null ? from + i : order[from + i];
    }

    /** output = batch·W, W being {@code weights} (inputs × units). */
    void multiply(Matrix weights, Matrix output) {
        float[] w = ((Nd4jMatrix) weights).heapFloats();
        weightsRead = weights;
        weightsCopy = w;
        float[] out = ((Nd4jMatrix) output).heapFloats();
        int unit = 0;
        for (; unit + BLOCK <= units; unit += BLOCK) {
            multiplyBlock(w, unit, out);
        }
        for (; unit + LANES <= units; unit += LANES) {
            multiplyVector(w, unit, out);
        }
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] v = values.get(rowChunk[r]);
            for (int u = unit; u < units; u++) {
                float sum = 0;
                for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                    sum += v[p] * w[offsets[p] + u];
                }
                out[i * units + u] = sum;
            }
        }
        ((Nd4jMatrix) output).putFloats(out);
    }

    /** target = batchᵀ·delta (inputs × units). */
    void assignTransposedProduct(Matrix delta, Matrix target) {
        float[] t = ((Nd4jMatrix) target).heapFloats();
        Arrays.fill(t, 0);
        addTransposedProduct(delta, target, t, 1);
    }

    /**
     * target += alpha·batchᵀ·delta (inputs × units): a gradient step taken inside the product, as BLAS's does. The
     * weights the forward pass copied are not copied again (saving a copy of them per step): nothing changes a
     * layer's weights between its forward and backward pass.
     */
    void addTransposedProduct(Matrix delta, Matrix target, double alpha) {
        float[] t = target == weightsRead ? weightsCopy : ((Nd4jMatrix) target).heapFloats();
        weightsRead = null;
        addTransposedProduct(delta, target, t, (float) alpha);
    }

    /**
     * Row by row: each nonzero value of a row adds value·alpha·(the row's delta) to its input's row of the target,
     * the delta held in registers.
     */
    private void addTransposedProduct(Matrix delta, Matrix target, float[] t, float alpha) {
        float[] d = ((Nd4jMatrix) delta).heapFloats();
        int unit = 0;
        for (; unit + BLOCK <= units; unit += BLOCK) {
            addBlock(d, unit, t, alpha);
        }
        for (; unit + LANES <= units; unit += LANES) {
            addVector(d, unit, t, alpha);
        }
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] v = values.get(rowChunk[r]);
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                for (int u = unit; u < units; u++) {
                    t[offsets[p] + u] += v[p] * (alpha * d[i * units + u]);
                }
            }
        }
        ((Nd4jMatrix) target).putFloats(t);
    }

    private void multiplyBlock(float[] w, int unit, float[] out) {
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] value = values.get(rowChunk[r]);
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[p]);
                int at = offsets[p] + unit;
                s0 = FloatVector.fromArray(SPECIES, w, at).fma(v, s0);
                s1 = FloatVector.fromArray(SPECIES, w, at + LANES).fma(v, s1);
                s2 = FloatVector.fromArray(SPECIES, w, at + 2 * LANES).fma(v, s2);
                s3 = FloatVector.fromArray(SPECIES, w, at + 3 * LANES).fma(v, s3);
                s4 = FloatVector.fromArray(SPECIES, w, at + 4 * LANES).fma(v, s4);
                s5 = FloatVector.fromArray(SPECIES, w, at + 5 * LANES).fma(v, s5);
                s6 = FloatVector.fromArray(SPECIES, w, at + 6 * LANES).fma(v, s6);
                s7 = FloatVector.fromArray(SPECIES, w, at + 7 * LANES).fma(v, s7);
            }
            int at = i * units + unit;
            s0.intoArray(out, at);
            s1.intoArray(out, at + LANES);
            s2.intoArray(out, at + 2 * LANES);
            s3.intoArray(out, at + 3 * LANES);
            s4.intoArray(out, at + 4 * LANES);
            s5.intoArray(out, at + 5 * LANES);
            s6.intoArray(out, at + 6 * LANES);
            s7.intoArray(out, at + 7 * LANES);
        }
    }

    /** One vector of units: for the units a block leaves. */
    private void multiplyVector(float[] w, int unit, float[] out) {
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] value = values.get(rowChunk[r]);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[p]);
                sum = FloatVector.fromArray(SPECIES, w, offsets[p] + unit).fma(v, sum);
            }
            sum.intoArray(out, i * units + unit);
        }
    }

    private void addVector(float[] d, int unit, float[] t, float alpha) {
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] value = values.get(rowChunk[r]);
            FloatVector delta = FloatVector.fromArray(SPECIES, d, i * units + unit).mul(alpha);
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[p]);
                int at = offsets[p] + unit;
                delta.fma(v, FloatVector.fromArray(SPECIES, t, at)).intoArray(t, at);
            }
        }
    }

    private void addBlock(float[] d, int unit, float[] t, float alpha) {
        for (int i = 0; i < count; i++) {
            int r = row(i);
            int[] offsets = weightRows.get(rowChunk[r]);
            float[] value = values.get(rowChunk[r]);
            int row = i * units + unit;
            FloatVector d0 = FloatVector.fromArray(SPECIES, d, row).mul(alpha);
            FloatVector d1 = FloatVector.fromArray(SPECIES, d, row + LANES).mul(alpha);
            FloatVector d2 = FloatVector.fromArray(SPECIES, d, row + 2 * LANES).mul(alpha);
            FloatVector d3 = FloatVector.fromArray(SPECIES, d, row + 3 * LANES).mul(alpha);
            FloatVector d4 = FloatVector.fromArray(SPECIES, d, row + 4 * LANES).mul(alpha);
            FloatVector d5 = FloatVector.fromArray(SPECIES, d, row + 5 * LANES).mul(alpha);
            FloatVector d6 = FloatVector.fromArray(SPECIES, d, row + 6 * LANES).mul(alpha);
            FloatVector d7 = FloatVector.fromArray(SPECIES, d, row + 7 * LANES).mul(alpha);
            for (int p = rowStart[r]; p < rowEnd[r]; p++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[p]);
                int at = offsets[p] + unit;
                d0.fma(v, FloatVector.fromArray(SPECIES, t, at)).intoArray(t, at);
                d1.fma(v, FloatVector.fromArray(SPECIES, t, at + LANES)).intoArray(t, at + LANES);
                d2.fma(v, FloatVector.fromArray(SPECIES, t, at + 2 * LANES)).intoArray(t, at + 2 * LANES);
                d3.fma(v, FloatVector.fromArray(SPECIES, t, at + 3 * LANES)).intoArray(t, at + 3 * LANES);
                d4.fma(v, FloatVector.fromArray(SPECIES, t, at + 4 * LANES)).intoArray(t, at + 4 * LANES);
                d5.fma(v, FloatVector.fromArray(SPECIES, t, at + 5 * LANES)).intoArray(t, at + 5 * LANES);
                d6.fma(v, FloatVector.fromArray(SPECIES, t, at + 6 * LANES)).intoArray(t, at + 6 * LANES);
                d7.fma(v, FloatVector.fromArray(SPECIES, t, at + 7 * LANES)).intoArray(t, at + 7 * LANES);
            }
        }
    }
}
