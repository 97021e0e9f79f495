package io.backprop.network;

import java.util.Arrays;

/**
 * A float64 matrix in a plain Java array. For the tutorials' tiny networks the loops here finish before ND4J
 * would have dispatched a single operation (10–50 µs each), so small work runs on this backend.
 */
final class ArrayMatrix implements Matrix {

    private final int rows;
    private final int columns;
    private final double[] values;

    ArrayMatrix(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.values = new double[rows * columns];
    }

    @Override
    public void loadRows(RowSource source, int[] order, int from) {
        for (int i = 0; i < rows; i++) {
            source.read(order == null ? from + i : order[from + i], values, i * columns);
        }
    }

    @Override
    public void assignRows(Matrix source, int[] order, int from) {
        source.requireShape("source rows", source.rows(), columns);
        double[] s = data(source);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(s, (order == null ? from + i : order[from + i]) * columns, values, i * columns, columns);
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

    @Override
    public void assignProduct(Matrix left, Matrix right) {
        double[] a = data(left);
        double[] b = data(right);
        int inner = left.columns();
        requireProduct(left, false, right, false);
        Arrays.fill(values, 0);
        for (int i = 0; i < rows; i++) {
            int out = i * columns;
            for (int k = 0; k < inner; k++) {
                double aik = a[i * inner + k];
                int in = k * columns;
                for (int j = 0; j < columns; j++) {
                    values[out + j] += aik * b[in + j];
                }
            }
        }
    }

    @Override
    public void assignTransposedProduct(Matrix left, Matrix right) {
        double[] a = data(left);
        double[] b = data(right);
        int inner = left.rows();
        requireProduct(left, true, right, false);
        Arrays.fill(values, 0);
        for (int k = 0; k < inner; k++) {
            int in = k * columns;
            for (int i = 0; i < rows; i++) {
                double aki = a[k * rows + i];
                int out = i * columns;
                for (int j = 0; j < columns; j++) {
                    values[out + j] += aki * b[in + j];
                }
            }
        }
    }

    /** Sums each element's products in the order {@link #assignTransposedProduct} does, so a step is exact. */
    @Override
    public void addTransposedProduct(Matrix left, Matrix right, double alpha) {
        double[] a = data(left);
        double[] b = data(right);
        int inner = left.rows();
        requireProduct(left, true, right, false);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] += alpha * dot(a, i, rows, b, j, columns, inner);
            }
        }
    }

    @Override
    public void assignProductWithTransposed(Matrix left, Matrix right) {
        double[] a = data(left);
        double[] b = data(right);
        int inner = left.columns();
        requireProduct(left, false, right, true);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = dot(a, i * inner, 1, b, j * inner, 1, inner);
            }
        }
    }

    /** Σ a[aFrom + k·aStep]·b[bFrom + k·bStep] over k < count, summed in the order of k. */
    private static double dot(double[] a, int aFrom, int aStep, double[] b, int bFrom, int bStep, int count) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += a[aFrom + k * aStep] * b[bFrom + k * bStep];
        }
        return sum;
    }

    @Override
    public void addRowVector(Matrix row) {
        row.requireShape("row vector", 1, columns);
        double[] v = data(row);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] += v[j];
            }
        }
    }

    @Override
    public void assignColumnSums(Matrix m) {
        requireShape("column sums", 1, m.columns());
        double[] a = data(m);
        Arrays.fill(values, 0);
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < columns; j++) {
                values[j] += a[i * columns + j];
            }
        }
    }

    @Override
    public void softmaxRows() {
        Matrix.softmaxRows(values, columns);
    }

    @Override
    public double get(int i) {
        return values[i];
    }

    @Override
    public void set(int i, double value) {
        values[i] = value;
    }

    @Override
    public void assignDifference(Matrix left, Matrix right, double scale) {
        left.requireShape("minuend", rows, columns);
        right.requireShape("subtrahend", rows, columns);
        double[] a = data(left);
        double[] b = data(right);
        for (int i = 0; i < values.length; i++) {
            values[i] = (a[i] - b[i]) * scale;
        }
    }

    @Override
    public void assign(Matrix source) {
        source.requireShape("source", rows, columns);
        System.arraycopy(data(source), 0, values, 0, values.length);
    }

    @Override
    public void addScaled(Matrix x, double alpha) {
        x.requireShape("addend", rows, columns);
        double[] v = data(x);
        for (int i = 0; i < values.length; i++) {
            values[i] += alpha * v[i];
        }
    }

    @Override
    public void scaleAndAdd(double keep, Matrix x, double alpha) {
        x.requireShape("addend", rows, columns);
        double[] v = data(x);
        for (int i = 0; i < values.length; i++) {
            values[i] = keep * values[i] + alpha * v[i];
        }
    }

    /** The matrix itself when the block is all of it, else a copy: this backend's small data copies quickly. */
    @Override
    public Matrix rowBlock(int from, int count) {
        if (from == 0 && count == rows) {
            return this;
        }
        ArrayMatrix block = new ArrayMatrix(count, columns);
        System.arraycopy(values, from * columns, block.values, 0, count * columns);
        return block;
    }

    @Override
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(values, i * columns, (i + 1) * columns);
        }
        return out;
    }

    private static double[] data(Matrix m) {
        return ((ArrayMatrix) m).values;
    }
}
