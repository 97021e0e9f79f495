package io.backprop.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix in an ND4J buffer (off-heap, c-order), float64 or float32. ND4J's own dispatch costs 10–50 µs an
 * operation (measured), which would dominate every mini-batch step, so the work is done on the buffer directly:
 * products and vector updates by OpenBLAS on its pointer ({@link Blas}), element-wise work by Java loops over a
 * native-order view of the same memory (the JIT vectorises them). No ND4J op runs in the training loop: on 2
 * cores its OpenMP threads spin against OpenBLAS's and doubled W5's step time (measured). The hot loops appear
 * once per element type: Java has no generics over primitives, and a loop shared through an accessor ran 30
 * times slower.
 */
final class Nd4jMatrix implements Matrix {

    private final INDArray array;
    private final Pointer pointer;
    /** Exactly one of the two views is set, by the element type. */
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;
    private final int rows;
    private final int columns;
    private final int size;
    /** False for a block of another matrix's rows, whose memory belongs to that matrix. */
    private final boolean owner;
    /** A row on its way in, in this matrix's precision, allocated on first use. */
    private float[] floatScratch;
    private double[] doubleScratch;
    /** All values, for loops that run faster on the heap; allocated on first use. */
    private float[] heapFloats;
    private double[] heapDoubles;
    /** The float64 values softmax is computed on, for a float32 matrix; allocated on first use. */
    private double[] softmaxScratch;
    /** rows ones, allocated on first use: BLAS adds a row to every row, and sums the rows, by way of it. */
    private Nd4jMatrix ones;

    private Nd4jMatrix(INDArray array) {
        this.array = array;
        this.pointer = array.data().addressPointer();
        boolean single = array.dataType() == DataType.FLOAT;
        this.doubles = single ? null : array.data().asNio().asDoubleBuffer();
        this.floats = single ? array.data().asNio().asFloatBuffer() : null;
        this.rows = array.rows();
        this.columns = array.columns();
        this.size = rows * columns;
        this.owner = true;
    }

    /** Rows [from, from + count) of {@code whole}, on the same memory. */
    private Nd4jMatrix(Nd4jMatrix whole, int from, int count) {
        int offset = from * whole.columns;
        this.array = whole.array;
        this.pointer = whole.pointer instanceof FloatPointer f ? new FloatPointer(f).position(offset)
                : new DoublePointer((DoublePointer) whole.pointer).position(offset);
        this.doubles = whole.doubles == null ? null : whole.doubles.slice(offset, count * whole.columns);
        this.floats = whole.floats == null ? null : whole.floats.slice(offset, count * whole.columns);
        this.rows = count;
        this.columns = whole.columns;
        this.size = count * columns;
        this.owner = false;
    }

    Nd4jMatrix(int rows, int columns, Precision precision) {
        this(Nd4j.zeros(precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE, rows, columns));
    }

    /**
     * Row by row in bulk through a scratch row (element by element, 60,000 × 784 values took a fifth of a
     * second); float32 rows are read as float32, so a source that holds them copies them unchanged.
     */
    @Override
    public void loadRows(RowSource source, int[] order, int from) {
        if (order == null && floats != null) {
            source.read(from, rows, floats);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int row = order == null ? from + i : order[from + i];
            if (doubles != null) {
                doubleScratch = doubleScratch != null ? doubleScratch : new double[columns];
                source.read(row, doubleScratch, 0);
                doubles.put(i * columns, doubleScratch);
            }
            else {
                floatScratch = floatScratch != null ? floatScratch : new float[columns];
                source.read(row, floatScratch, 0);
                floats.put(i * columns, floatScratch);
            }
        }
    }

    /** Whole rows are copied memory to memory. */
    @Override
    public void assignRows(Matrix source, int[] order, int from) {
        source.requireShape("source rows", source.rows(), columns);
        Nd4jMatrix s = nd(source);
        for (int i = 0; i < rows; i++) {
            int at = (order == null ? from + i : order[from + i]) * columns;
            if (floats != null) {
                floats.put(i * columns, s.floats, at, columns);
            }
            else {
                doubles.put(i * columns, s.doubles, at, columns);
            }
        }
    }

    /**
     * The values copied onto the heap, into an array kept for the purpose: Java loops over a heap array are
     * vectorised, over a native buffer they are not (ReLU over 1,000 × 64 float32 values: 79 µs element by
     * element in the buffer, 18 µs copied out, computed and copied back).
     */
    float[] heapFloats() {
        heapFloats = heapFloats != null ? heapFloats : new float[size];
        floats.get(0, heapFloats, 0, size);
        return heapFloats;
    }

    /** Puts float32 values computed on the heap (such as those of {@link #heapFloats()}) into the buffer. */
    void putFloats(float[] values) {
        floats.put(0, values, 0, size);
    }

    private double[] heapDoubles() {
        heapDoubles = heapDoubles != null ? heapDoubles : new double[size];
        doubles.get(0, heapDoubles, 0, size);
        return heapDoubles;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public double get(int i) {
        return doubles != null ? doubles.get(i) : floats.get(i);
    }

    @Override
    public void set(int i, double value) {
        if (doubles != null) {
            doubles.put(i, value);
        }
        else {
            floats.put(i, (float) value);
        }
    }

    @Override
    public void assignProduct(Matrix a, Matrix b) {
        requireProduct(a, false, b, false);
        Blas.gemm(false, false, rows, columns, a.columns(), 1, pointer(a), pointer(b), 0, pointer);
    }

    @Override
    public void assignTransposedProduct(Matrix a, Matrix b) {
        requireProduct(a, true, b, false);
        Blas.gemm(true, false, rows, columns, a.rows(), 1, pointer(a), pointer(b), 0, pointer);
    }

    @Override
    public void addTransposedProduct(Matrix a, Matrix b, double alpha) {
        requireProduct(a, true, b, false);
        Blas.gemm(true, false, rows, columns, a.rows(), alpha, pointer(a), pointer(b), 1, pointer);
    }

    @Override
    public void assignProductWithTransposed(Matrix a, Matrix b) {
        requireProduct(a, false, b, true);
        Blas.gemm(false, true, rows, columns, a.columns(), 1, pointer(a), pointer(b), 0, pointer);
    }

    @Override
    public void addRowVector(Matrix row) {
        row.requireShape("row vector", 1, columns);
        Blas.ger(rows, columns, ones().pointer, pointer(row), pointer);
    }

    @Override
    public void assignColumnSums(Matrix m) {
        requireShape("column sums", 1, m.columns());
        Nd4jMatrix source = nd(m);
        Blas.gemv(true, source.rows, columns, 1, source.pointer, source.ones().pointer, 0, pointer);
    }

    private Nd4jMatrix ones() {
        if (ones == null) {
            ones = new Nd4jMatrix(Nd4j.ones(array.dataType(), rows, 1));
        }
        return ones;
    }

    /**
     * ReLU, the common hidden activation, has float and double loops of its own (with the branch-free derivative
     * below), run on a heap copy of the values: through the shared element-by-element path W4 of the benchmark
     * trained in 0.34 s instead of 0.14 s and W5 in 0.55 s instead of 0.47 s (measured). The other activations
     * are dominated by exp and tanh.
     */
    @Override
    public void apply(Activation f) {
        if (f != Activation.RELU) {
            Matrix.super.apply(f);
        }
        else if (floats != null) {
            float[] v = heapFloats();
            for (int i = 0; i < size; i++) {
                v[i] = Math.max(0, v[i]);
            }
            putFloats(v);
        }
        else {
            double[] v = heapDoubles();
            for (int i = 0; i < size; i++) {
                v[i] = Math.max(0, v[i]);
            }
            doubles.put(0, v, 0, size);
        }
    }

    /**
     * ReLU's derivative keeps a value where the output is positive and zeroes it elsewhere. Positive outputs come
     * in no pattern, so a branch mispredicted every other element (10 times slower, measured); the bits of −a,
     * shifted arithmetically, give a mask of all ones for a positive output and none for +0 (a ReLU output is
     * never −0), which the JIT vectorises (W5's 128 × 128 float32 values: 32 µs multiplied by the sign bit, 10 µs
     * masked).
     */
    @Override
    public void multiplyByDerivative(Activation f, Matrix output) {
        if (f != Activation.RELU) {
            Matrix.super.multiplyByDerivative(f, output);
            return;
        }
        output.requireShape("activation output", rows, columns);
        Nd4jMatrix a = nd(output);
        if (floats != null) {
            float[] v = heapFloats();
            float[] out = a.heapFloats();
            for (int i = 0; i < size; i++) {
                v[i] = Float.intBitsToFloat(Float.floatToRawIntBits(v[i]) & (-Float.floatToRawIntBits(out[i]) >> 31));
            }
            putFloats(v);
        }
        else {
            double[] v = heapDoubles();
            double[] out = a.heapDoubles();
            for (int i = 0; i < size; i++) {
                v[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v[i])
                        & (-Double.doubleToRawLongBits(out[i]) >> 63));
            }
            doubles.put(0, v, 0, size);
        }
    }

    /** On a float64 copy of the values (float32 values are widened into a scratch array kept for it). */
    @Override
    public void softmaxRows() {
        if (floats != null) {
            float[] v = heapFloats();
            softmaxScratch = softmaxScratch != null ? softmaxScratch : new double[size];
            for (int i = 0; i < size; i++) {
                softmaxScratch[i] = v[i];
            }
            Matrix.softmaxRows(softmaxScratch, columns);
            for (int i = 0; i < size; i++) {
                v[i] = (float) softmaxScratch[i];
            }
            putFloats(v);
        }
        else {
            double[] v = heapDoubles();
            Matrix.softmaxRows(v, columns);
            doubles.put(0, v, 0, size);
        }
    }

    @Override
    public void assignDifference(Matrix left, Matrix right, double scale) {
        left.requireShape("minuend", rows, columns);
        right.requireShape("subtrahend", rows, columns);
        Nd4jMatrix a = nd(left);
        Nd4jMatrix b = nd(right);
        if (floats != null) {
            float factor = (float) scale;
            for (int i = 0; i < size; i++) {
                floats.put(i, (a.floats.get(i) - b.floats.get(i)) * factor);
            }
        }
        else {
            for (int i = 0; i < size; i++) {
                doubles.put(i, (a.doubles.get(i) - b.doubles.get(i)) * scale);
            }
        }
    }

    @Override
    public void assign(Matrix source) {
        source.requireShape("source", rows, columns);
        Nd4jMatrix s = nd(source);
        if (floats != null) {
            floats.put(0, s.floats, 0, size);
        }
        else {
            doubles.put(0, s.doubles, 0, size);
        }
    }

    @Override
    public void addScaled(Matrix x, double alpha) {
        x.requireShape("addend", rows, columns);
        Blas.axpy(size, alpha, pointer(x), pointer);
    }

    @Override
    public void scaleAndAdd(double keep, Matrix x, double alpha) {
        x.requireShape("addend", rows, columns);
        Blas.scal(size, keep, pointer);
        Blas.axpy(size, alpha, pointer(x), pointer);
    }

    @Override
    public double sumOfSquares() {
        return Blas.squares(size, pointer);
    }

    /** Frees the off-heap buffer now rather than when the collector gets to it (a block's belongs to its whole). */
    @Override
    public void close() {
        if (ones != null) {
            ones.close();
        }
        if (owner && !array.wasClosed()) {
            array.close();
        }
    }

    @Override
    public Matrix rowBlock(int from, int count) {
        return new Nd4jMatrix(this, from, count);
    }

    /** Through the heap copy: reading a native buffer value by value took 35 µs for 1,000 values (measured). */
    @Override
    public double[][] toArray() {
        double[][] out = new double[rows][];
        if (floats != null) {
            float[] v = heapFloats();
            for (int i = 0; i < rows; i++) {
                out[i] = new double[columns];
                for (int j = 0; j < columns; j++) {
                    out[i][j] = v[i * columns + j];
                }
            }
        }
        else {
            double[] v = heapDoubles();
            for (int i = 0; i < rows; i++) {
                out[i] = Arrays.copyOfRange(v, i * columns, (i + 1) * columns);
            }
        }
        return out;
    }

    private static Nd4jMatrix nd(Matrix m) {
        return (Nd4jMatrix) m;
    }

    private static Pointer pointer(Matrix m) {
        return nd(m).pointer;
    }
}
