package io.backprop.network;

/**
 * A dense row-major matrix on one compute backend, with the few in-place operations the engine is built from.
 * Every operation writes into {@code this}, which was allocated once, so a training loop allocates nothing per
 * epoch. Operands of one call come from the same backend.
 */
interface Matrix extends AutoCloseable {

    int rows();

    int columns();

    /** this = a·b */
    void assignProduct(Matrix a, Matrix b);

    /** this = aᵀ·b */
    void assignTransposedProduct(Matrix a, Matrix b);

    /** this += alpha·aᵀ·b: a gradient step taken inside the product, without writing the gradient. */
    void addTransposedProduct(Matrix a, Matrix b, double alpha);

    /** this = a·bᵀ */
    void assignProductWithTransposed(Matrix a, Matrix b);

    /** Adds the 1 × columns matrix {@code row} to every row. */
    void addRowVector(Matrix row);

    /** this (1 × columns) = the sum of m's rows. */
    void assignColumnSums(Matrix m);

    /** How many elements: rows × columns. */
    default int size() {
        return rows() * columns();
    }

    /** Element i in row-major order. */
    double get(int i);

    /** Sets element i in row-major order. */
    void set(int i, double value);

    /** this = f(this): element by element, or row by row for softmax. */
    default void apply(Activation f) {
        if (f == Activation.SOFTMAX) {
            softmaxRows();
        }
        else if (f != Activation.IDENTITY) {
            for (int i = 0; i < size(); i++) {
                set(i, f.apply(get(i)));
            }
        }
    }

    /** this = this ⊙ f'(z), where {@code output} = f(z): chains a gradient through the activation. */
    default void multiplyByDerivative(Activation f, Matrix output) {
        output.requireShape("activation output", rows(), columns());
        if (f == Activation.SOFTMAX) {
            softmaxJacobianProduct(output);
        }
        else if (f != Activation.IDENTITY) {
            for (int i = 0; i < size(); i++) {
                set(i, get(i) * f.slope(output.get(i)));
            }
        }
    }

    /** this = each row's softmax (see {@link #softmaxRows(double[], int)}). */
    void softmaxRows();

    /**
     * Each row's softmax over {@code values}, held row by row {@code columns} to a row, in place,
     * from z − max(z) so that large z cannot overflow. Backends run it on an array: element by element through
     * {@link #get}/{@link #set}, W5's 128 × 10 outputs took 35 µs a step in an ND4J buffer.
     */
    static void softmaxRows(double[] values, int columns) {
        for (int start = 0; start < values.length; start += columns) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = start; j < start + columns; j++) {
                max = Math.max(max, values[j]);
            }
            double sum = 0;
            for (int j = start; j < start + columns; j++) {
                values[j] = Math.exp(values[j] - max);
                sum += values[j];
            }
            for (int j = start; j < start + columns; j++) {
                values[j] /= sum;
            }
        }
    }

    /** this ← a ⊙ (this − Σⱼ thisⱼaⱼ), row by row: softmax's Jacobian-vector product, a being its output. */
    private void softmaxJacobianProduct(Matrix a) {
        int columns = columns();
        for (int start = 0; start < size(); start += columns) {
            double dot = 0;
            for (int j = 0; j < columns; j++) {
                dot += get(start + j) * a.get(start + j);
            }
            for (int j = 0; j < columns; j++) {
                set(start + j, a.get(start + j) * (get(start + j) - dot));
            }
        }
    }

    /** this = (a − b)·scale */
    void assignDifference(Matrix a, Matrix b, double scale);

    /** this = source, element by element. */
    void assign(Matrix source);

    /** this = this + alpha·x */
    void addScaled(Matrix x, double alpha);

    /** this = keep·this + alpha·x */
    void scaleAndAdd(double keep, Matrix x, double alpha);

    /**
     * One Adam step on this parameter from its gradient g and moments m and v (updated in place):
     * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², this ← this − stepSize·m / (√v + epsilon); the caller folds the
     * bias corrections into stepSize and epsilon.
     */
    default void adamStep(Matrix gradient, Matrix m, Matrix v, double beta1, double beta2, double stepSize,
            double epsilon) {
        gradient.requireShape("gradient", rows(), columns());
        for (int i = 0; i < size(); i++) {
            double g = gradient.get(i);
            double first = beta1 * m.get(i) + (1 - beta1) * g;
            double second = beta2 * v.get(i) + (1 - beta2) * g * g;
            m.set(i, first);
            v.set(i, second);
            set(i, get(i) - stepSize * first / (Math.sqrt(second) + epsilon));
        }
    }

    /** Σ of the squares of all elements. */
    default double sumOfSquares() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += get(i) * get(i);
        }
        return sum;
    }

    /** Σ of the absolute values of all elements. */
    default double sumOfAbs() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += Math.abs(get(i));
        }
        return sum;
    }

    /** this += alpha·sign(x), with sign(0) = 0: L1's gradient. */
    default void addSigns(Matrix x, double alpha) {
        x.requireShape("x", rows(), columns());
        for (int i = 0; i < size(); i++) {
            set(i, get(i) + alpha * Math.signum(x.get(i)));
        }
    }

    /** this = a ⊙ b, element by element. */
    default void assignElementProduct(Matrix a, Matrix b) {
        a.requireShape("a", rows(), columns());
        b.requireShape("b", rows(), columns());
        for (int i = 0; i < size(); i++) {
            set(i, a.get(i) * b.get(i));
        }
    }

    /** this ⊙= m, element by element. */
    default void multiplyElements(Matrix m) {
        assignElementProduct(this, m);
    }

    /** Multiplies row r by {@code factors.get(r)} (factors: rows × 1). */
    default void multiplyRows(Matrix factors) {
        factors.requireShape("row factors", rows(), 1);
        int columns = columns();
        for (int r = 0; r < rows(); r++) {
            double factor = factors.get(r);
            for (int i = r * columns; i < (r + 1) * columns; i++) {
                set(i, get(i) * factor);
            }
        }
    }

    /** Scales every column whose Euclidean norm exceeds {@code bound} down to that norm. */
    default void limitColumnNorms(double bound) {
        int columns = columns();
        for (int c = 0; c < columns; c++) {
            double squares = 0;
            for (int i = c; i < size(); i += columns) {
                squares += get(i) * get(i);
            }
            double norm = Math.sqrt(squares);
            if (norm > bound) {
                double scale = bound / norm;
                for (int i = c; i < size(); i += columns) {
                    set(i, get(i) * scale);
                }
            }
        }
    }

    /** Inverted dropout's mask: each element 0 with probability {@code rate}, else 1/(1 − rate). */
    default void fillDropoutMask(java.util.Random random, double rate) {
        double kept = 1 / (1 - rate);
        for (int i = 0; i < size(); i++) {
            set(i, random.nextDouble() < rate ? 0 : kept);
        }
    }

    /** The largest absolute value; NaN if any element is NaN. */
    default double maxAbs() {
        double max = 0;
        for (int i = 0; i < size(); i++) {
            double value = get(i);
            if (Double.isNaN(value)) {
                return Double.NaN;
            }
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    /** Σ over all elements of {@code loss}(this, targets), this holding predictions. */
    default double lossSum(Loss loss, Matrix targets) {
        targets.requireShape("targets", rows(), columns());
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += loss.of(get(i), targets.get(i));
        }
        return sum;
    }

    /** Σ over all elements of {@code loss}(this, targets), each row's weighted by {@code rowWeights} (rows × 1). */
    default double lossSum(Loss loss, Matrix targets, Matrix rowWeights) {
        targets.requireShape("targets", rows(), columns());
        rowWeights.requireShape("row weights", rows(), 1);
        int columns = columns();
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += rowWeights.get(i / columns) * loss.of(get(i), targets.get(i));
        }
        return sum;
    }

    /**
     * this = the rows {@code order[from]}, {@code order[from+1]}, … of {@code source} (or, with no order, the
     * rows from {@code from} on), as many as this has.
     */
    void loadRows(RowSource source, int[] order, int from);

    /** The same as {@link #loadRows}, from a matrix of this backend. */
    void assignRows(Matrix source, int[] order, int from);

    /** this = values, row by row (values has this matrix's shape). */
    default void load(double[][] values) {
        loadRows(RowSource.of(values), null, 0);
    }

    /**
     * Rows [from, from + count) as a matrix of their own, for reading only: a view on the same memory where the
     * backend allows it (so that a batch of consecutive rows is never copied), else a copy.
     */
    Matrix rowBlock(int from, int count);

    double[][] toArray();

    /** Releases native memory at once, where there is any; the matrix is not used afterwards. */
    @Override
    default void close() {
    }

    default String shape() {
        return Shapes.describe(rows(), columns());
    }

    /** Throws unless op(a)·op(b) is defined and has this matrix's shape; op transposes where asked. */
    default void requireProduct(Matrix a, boolean transposeA, Matrix b, boolean transposeB) {
        int rows = transposeA ? a.columns() : a.rows();
        int inner = transposeA ? a.rows() : a.columns();
        int innerOfB = transposeB ? b.columns() : b.rows();
        int columns = transposeB ? b.rows() : b.columns();
        if (inner != innerOfB || rows != rows() || columns != columns()) {
            throw new IllegalArgumentException("cannot multiply " + Shapes.describe(rows, inner) + " by "
                    + Shapes.describe(innerOfB, columns) + " into " + shape());
        }
    }

    /** Throws with the expected and the actual shape unless this is rows × columns. */
    default void requireShape(String role, int rows, int columns) {
        if (rows() != rows || columns() != columns) {
            throw new IllegalArgumentException(
                    role + ": expected " + Shapes.describe(rows, columns) + ", got " + shape());
        }
    }
}
