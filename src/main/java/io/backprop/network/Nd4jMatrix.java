package io.backprop.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

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
    /** A float32 row on its way in, allocated on first use. */
    private float[] scratch;
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

    static Nd4jMatrix of(double[][] data, Precision precision) {
        Nd4jMatrix m = new Nd4jMatrix(data.length, data.length == 0 ? 0 : data[0].length, precision);
        m.load(data);
        return m;
    }

    /**
     * Row by row in bulk (element by element, 60,000 × 784 values took a fifth of a second); float32 rows are
     * narrowed in a scratch row first.
     */
    @Override
    public void loadRows(double[][] source, int[] order, int from) {
        for (int i = 0; i < rows; i++) {
            double[] row = source[order == null ? from + i : order[from + i]];
            if (doubles != null) {
                doubles.put(i * columns, row, 0, columns);
                continue;
            }
            scratch = scratch != null ? scratch : new float[columns];
            for (int j = 0; j < columns; j++) {
                scratch[j] = (float) row[j];
            }
            floats.put(i * columns, scratch);
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

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    private double value(int i) {
        return doubles != null ? doubles.get(i) : floats.get(i);
    }

    private void set(int i, double value) {
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
        Blas.gemm(false, false, rows, columns, a.columns(), pointer(a), pointer(b), pointer);
    }

    @Override
    public void assignTransposedProduct(Matrix a, Matrix b) {
        requireProduct(a, true, b, false);
        Blas.gemm(true, false, rows, columns, a.rows(), pointer(a), pointer(b), pointer);
    }

    @Override
    public void assignProductWithTransposed(Matrix a, Matrix b) {
        requireProduct(a, false, b, true);
        Blas.gemm(false, true, rows, columns, a.columns(), pointer(a), pointer(b), pointer);
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
        Blas.gemv(true, source.rows, columns, source.pointer, source.ones().pointer, pointer);
    }

    private Nd4jMatrix ones() {
        if (ones == null) {
            ones = new Nd4jMatrix(Nd4j.ones(array.dataType(), rows, 1));
        }
        return ones;
    }

    /** ReLU, the common hidden activation, has loops of its own; the others are dominated by exp and tanh. */
    @Override
    public void apply(Activation f) {
        switch (f) {
            case SOFTMAX -> softmaxRows();
            case IDENTITY -> {
            }
            case RELU -> {
                if (floats != null) {
                    for (int i = 0; i < size; i++) {
                        floats.put(i, Math.max(0, floats.get(i)));
                    }
                }
                else {
                    for (int i = 0; i < size; i++) {
                        doubles.put(i, Math.max(0, doubles.get(i)));
                    }
                }
            }
            default -> {
                for (int i = 0; i < size; i++) {
                    set(i, activate(f, value(i)));
                }
            }
        }
    }

    /** Subtracts each row's maximum before exponentiating so that large z cannot overflow. */
    private void softmaxRows() {
        for (int i = 0; i < rows; i++) {
            int start = i * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < columns; j++) {
                max = Math.max(max, value(start + j));
            }
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                double e = Math.exp(value(start + j) - max);
                set(start + j, e);
                sum += e;
            }
            for (int j = 0; j < columns; j++) {
                set(start + j, value(start + j) / sum);
            }
        }
    }

    private static double activate(Activation f, double z) {
        return switch (f) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case LEAKY_RELU -> z > 0 ? z : Activation.LEAKY_SLOPE * z;
            default -> z;
        };
    }

    /**
     * ReLU's derivative multiplies by 1 where the output is positive, else 0. Positive outputs come in no
     * pattern, so a branch mispredicted every other element (10 times slower, measured); the sign of −bits gives
     * the factor without one (a ReLU output is never −0).
     */
    @Override
    public void multiplyByDerivative(Activation f, Matrix output) {
        output.requireShape("activation output", rows, columns);
        Nd4jMatrix a = nd(output);
        switch (f) {
            case RELU -> {
                if (floats != null) {
                    for (int i = 0; i < size; i++) {
                        floats.put(i, floats.get(i) * ((-Float.floatToRawIntBits(a.floats.get(i))) >>> 31));
                    }
                }
                else {
                    for (int i = 0; i < size; i++) {
                        doubles.put(i, doubles.get(i) * ((-Double.doubleToRawLongBits(a.doubles.get(i))) >>> 63));
                    }
                }
            }
            case SIGMOID, TANH, LEAKY_RELU -> {
                for (int i = 0; i < size; i++) {
                    set(i, value(i) * slope(f, a.value(i)));
                }
            }
            case IDENTITY -> {
            }
            case SOFTMAX -> softmaxJacobianProduct(a);
        }
    }

    /** f'(z) from the output a = f(z). */
    private static double slope(Activation f, double a) {
        return switch (f) {
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
            case LEAKY_RELU -> a > 0 ? 1 : Activation.LEAKY_SLOPE;
            default -> 1;
        };
    }

    /** this ← a ⊙ (this − Σⱼ thisⱼaⱼ), row by row: softmax's Jacobian-vector product. */
    private void softmaxJacobianProduct(Nd4jMatrix a) {
        for (int i = 0; i < rows; i++) {
            int start = i * columns;
            double dot = 0;
            for (int j = 0; j < columns; j++) {
                dot += value(start + j) * a.value(start + j);
            }
            for (int j = 0; j < columns; j++) {
                set(start + j, a.value(start + j) * (value(start + j) - dot));
            }
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
    public void adamStep(Matrix gradient, Matrix m, Matrix v, double beta1, double beta2, double stepSize,
            double epsilon) {
        gradient.requireShape("gradient", rows, columns);
        Nd4jMatrix g = nd(gradient);
        Nd4jMatrix first = nd(m);
        Nd4jMatrix second = nd(v);
        for (int i = 0; i < size; i++) {
            double gi = g.value(i);
            double mi = beta1 * first.value(i) + (1 - beta1) * gi;
            double vi = beta2 * second.value(i) + (1 - beta2) * gi * gi;
            first.set(i, mi);
            second.set(i, vi);
            set(i, value(i) - stepSize * mi / (Math.sqrt(vi) + epsilon));
        }
    }

    @Override
    public double sumOfSquares() {
        return Blas.squares(size, pointer);
    }

    @Override
    public double maxAbs() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            double v = value(i);
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    public double lossSum(Loss loss, Matrix targets) {
        targets.requireShape("targets", rows, columns);
        Nd4jMatrix y = nd(targets);
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += loss.of(value(i), y.value(i));
        }
        return sum;
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

    @Override
    public double[][] toArray() {
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                out[i][j] = value(i * columns + j);
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
