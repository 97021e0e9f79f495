package io.backprop.network;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A matrix held by ND4J (c-order, off-heap), float64 or float32. Products go to ND4J's BLAS, element-wise work to
 * its native transforms; buffers are allocated once and every operation writes in place.
 */
final class Nd4jMatrix implements Matrix {

    private final INDArray array;
    /** A native-order view of the same memory, so that Java can read values without copying them. */
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;
    /** Same-shape working space for derivatives, allocated on first use. */
    private INDArray scratch;
    private INDArray rowScratch;
    private int[] rowIndexes;

    private Nd4jMatrix(INDArray array) {
        this.array = array;
        ByteBuffer bytes = array.data().asNio();
        this.doubles = array.dataType() == DataType.DOUBLE ? bytes.asDoubleBuffer() : null;
        this.floats = array.dataType() == DataType.FLOAT ? bytes.asFloatBuffer() : null;
    }

    Nd4jMatrix(int rows, int columns, Precision precision) {
        this(Nd4j.zeros(dataType(precision), rows, columns));
    }

    static Nd4jMatrix of(double[][] data, Precision precision) {
        return new Nd4jMatrix(Nd4j.create(data).castTo(dataType(precision)));
    }

    private static DataType dataType(Precision precision) {
        return precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    @Override
    public int rows() {
        return array.rows();
    }

    @Override
    public int columns() {
        return array.columns();
    }

    @Override
    public void assignProduct(Matrix a, Matrix b) {
        requireProduct(a, false, b, false);
        Nd4j.gemm(nd(a), nd(b), array, false, false, 1.0, 0.0);
    }

    @Override
    public void assignTransposedProduct(Matrix a, Matrix b) {
        requireProduct(a, true, b, false);
        Nd4j.gemm(nd(a), nd(b), array, true, false, 1.0, 0.0);
    }

    @Override
    public void assignProductWithTransposed(Matrix a, Matrix b) {
        requireProduct(a, false, b, true);
        Nd4j.gemm(nd(a), nd(b), array, false, true, 1.0, 0.0);
    }

    @Override
    public void addRowVector(Matrix row) {
        row.requireShape("row vector", 1, columns());
        array.addiRowVector(nd(row));
    }

    @Override
    public void assignColumnSums(Matrix m) {
        requireShape("column sums", 1, m.columns());
        nd(m).sum(array, 0);
    }

    @Override
    public void apply(Activation f) {
        switch (f) {
            case SIGMOID -> Transforms.sigmoid(array, false);
            case TANH -> Transforms.tanh(array, false);
            case RELU -> Transforms.relu(array, false);
            case LEAKY_RELU -> Transforms.leakyRelu(array, Activation.LEAKY_SLOPE, false);
            case IDENTITY -> {
            }
            case SOFTMAX -> Nd4j.exec(new SoftMax(array, array));
        }
    }

    @Override
    public void multiplyByDerivative(Activation f, Matrix output) {
        output.requireShape("activation output", rows(), columns());
        INDArray a = nd(output);
        switch (f) {
            case SIGMOID -> array.muli(scratch().assign(a).rsubi(1).muli(a));
            case TANH -> array.muli(scratch().assign(a).muli(a).rsubi(1));
            case RELU -> array.muli(Transforms.step(scratch().assign(a), false));
            case LEAKY_RELU -> array.muli(Transforms.step(scratch().assign(a), false)
                    .muli(1 - Activation.LEAKY_SLOPE).addi(Activation.LEAKY_SLOPE));
            case IDENTITY -> {
            }
            case SOFTMAX -> {
                if (rowScratch == null) {
                    rowScratch = Nd4j.zeros(array.dataType(), rows(), 1);
                }
                scratch().assign(array).muli(a).sum(rowScratch, 1);
                array.subiColumnVector(rowScratch).muli(a);
            }
        }
    }

    @Override
    public void assignDifference(Matrix a, Matrix b, double scale) {
        a.requireShape("minuend", rows(), columns());
        b.requireShape("subtrahend", rows(), columns());
        nd(a).sub(nd(b), array);
        if (scale != 1) {
            array.muli(scale);
        }
    }

    @Override
    public void assign(Matrix source) {
        source.requireShape("source", rows(), columns());
        array.assign(nd(source));
    }

    @Override
    public void addScaled(Matrix x, double alpha) {
        x.requireShape("addend", rows(), columns());
        Nd4j.getBlasWrapper().level1().axpy(array.length(), alpha, nd(x), array);
    }

    @Override
    public void scaleAndAdd(double keep, Matrix x, double alpha) {
        x.requireShape("addend", rows(), columns());
        array.muli(keep);
        Nd4j.getBlasWrapper().level1().axpy(array.length(), alpha, nd(x), array);
    }

    @Override
    public void adamStep(Matrix gradient, Matrix m, Matrix v, double beta1, double beta2, double stepSize,
            double epsilon) {
        gradient.requireShape("gradient", rows(), columns());
        INDArray g = nd(gradient);
        m.scaleAndAdd(beta1, gradient, 1 - beta1);
        INDArray squares = scratch().assign(g).muli(g);
        nd(v).muli(beta2).addi(squares.muli(1 - beta2));
        INDArray denominator = Transforms.sqrt(scratch().assign(nd(v)), false).addi(epsilon);
        INDArray step = nd(m).div(denominator, denominator);
        Nd4j.getBlasWrapper().level1().axpy(array.length(), -stepSize, step, array);
    }

    @Override
    public double sumOfSquares() {
        return Nd4j.getBlasWrapper().dot(array, array);
    }

    @Override
    public double maxAbs() {
        return Double.isNaN(array.sumNumber().doubleValue()) ? Double.NaN : array.amaxNumber().doubleValue();
    }

    @Override
    public double lossSum(Loss loss, Matrix targets) {
        targets.requireShape("targets", rows(), columns());
        Nd4jMatrix y = (Nd4jMatrix) targets;
        double sum = 0;
        for (int i = 0, n = (int) array.length(); i < n; i++) {
            sum += loss.of(value(i), y.value(i));
        }
        return sum;
    }

    private double value(int i) {
        return doubles != null ? doubles.get(i) : floats.get(i);
    }

    @Override
    public void assignRows(Matrix source, int[] order, int from) {
        source.requireShape("source rows", source.rows(), columns());
        if (rowIndexes == null) {
            rowIndexes = new int[rows()];
        }
        System.arraycopy(order, from, rowIndexes, 0, rowIndexes.length);
        Nd4j.pullRows(nd(source), array, 1, rowIndexes);
    }

    @Override
    public double[][] toArray() {
        return array.toDoubleMatrix();
    }

    private INDArray scratch() {
        if (scratch == null) {
            scratch = array.ulike();
        }
        return scratch;
    }

    private static INDArray nd(Matrix m) {
        return ((Nd4jMatrix) m).array;
    }
}
