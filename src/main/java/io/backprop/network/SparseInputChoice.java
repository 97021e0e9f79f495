package io.backprop.network;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Whether a training run takes its first layer's products through {@link SparseInput}: for float32 networks
 * whose rows are mostly zeros, where the time saved over the run's epochs outweighs indexing the rows. Decided
 * once per run, from its first {@value #SAMPLE_ROWS} rows in their own order, so that a resumed run takes the same
 * path as the run it continues. The system property {@code backprop.sparse-input} can set it {@code off}, or
 * {@code on} for every float32 run whose rows the index can hold (see {@link SparseInput#MAX_INDEXED_SHARE}).
 */
final class SparseInputChoice {

    static final String PROPERTY = "backprop.sparse-input";
    /**
     * Nanoseconds the two products take on 2 cores, per row and epoch, for each input × unit through OpenBLAS
     * and for each nonzero input × unit through the index; to index a value once; and per step for each weight,
     * which the index's products copy to the heap and back (all measured on 60,000 rows of 784 inputs into 32 to
     * 256 units, batches of 128, at one value in ten to four in ten nonzero; the copies in batches of 8 to 64).
     */
    static final double DENSE_NS = 0.045;
    static final double SPARSE_NS = 0.1;
    static final double INDEX_NS = 2;
    static final double COPY_NS = 0.1;
    /** Rows the density is measured on: the first ones, in the rows' own order. */
    static final int SAMPLE_ROWS = 1_024;
    /** The index is taken only where it promises at most this share of OpenBLAS's time: the figures vary by a tenth. */
    static final double MARGIN = 0.8;

    /**
     * The kernels need the Vector API's module, and the optimising compiler: without it (as under
     * {@code -XX:TieredStopAtLevel=1}) every vector operation is an object, a hundred times slower.
     */
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean FAST = VECTOR_API && optimising();

    private SparseInputChoice() {
    }

    /**
     * The index for training {@code spec} with {@code options} on {@code rows} rows, {@code loaded} into the
     * engine's memory or else read from {@code source}; null where the products keep to OpenBLAS (and always for
     * float64, the only precision of the array backend).
     */
    static SparseInput forTraining(NetworkSpec spec, TrainingOptions options, int rows, Matrix loaded,
            RowSource source) {
        String mode = System.getProperty(PROPERTY, "auto");
        if (spec.precision() != Precision.FLOAT32 || mode.equals("off") || !VECTOR_API) {
            return null;
        }
        int units = spec.layers().get(0).units();
        int sampled = Math.min(rows, SAMPLE_ROWS);
        float[] first;
        if (loaded != null) {
            first = ((Nd4jMatrix) loaded.rowBlock(0, sampled)).heapFloats();
        }
        else {
            first = new float[sampled * spec.inputs()];
            source.read(0, sampled, FloatBuffer.wrap(first));
        }
        boolean pays = FAST && pays(units, density(first), options.epochs(), options.batchRows(rows));
        if (!pays && !mode.equals("on")) {
            return null;
        }
        return loaded != null ? SparseInput.of(loaded, units) : SparseInput.of(source, units);
    }

    /**
     * Whether indexing rows of this {@code density} pays over {@code epochs} of batches of {@code batchRows} rows
     * for a first layer of {@code units} units (of at least a vector's width: units past the last whole vector are
     * summed one by one). The figures are per input of a row.
     */
    static boolean pays(int units, double density, int epochs, int batchRows) {
        double sparse = epochs * units * (density * SPARSE_NS + COPY_NS / batchRows) + INDEX_NS;
        return units >= SparseInput.LANES && sparse < MARGIN * epochs * units * DENSE_NS;
    }

    /** The share of values that are not zero. */
    static double density(float[] values) {
        long nonzero = 0;
        for (float value : values) {
            nonzero += value != 0 ? 1 : 0;
        }
        return (double) nonzero / values.length;
    }

    private static boolean optimising() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm == null || !"true".equals(vm.getVMOption("TieredCompilation").getValue())
                || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    }
}
