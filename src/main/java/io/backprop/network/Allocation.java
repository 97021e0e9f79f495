package io.backprop.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Matrices made together and freed together: ND4J's buffers live off the heap, and freeing them when the work
 * is done (rather than when the collector gets to them) keeps the next allocation from waiting on a collection.
 * Not thread-safe: one allocation per owner.
 */
final class Allocation implements AutoCloseable {

    private final Backend backend;
    private final Precision precision;
    private final List<Matrix> made = new ArrayList<>();

    Allocation(Backend backend, Precision precision) {
        this.backend = backend;
        this.precision = precision;
    }

    Matrix zeros(int rows, int columns) {
        return keep(backend.zeros(rows, columns, precision));
    }

    Matrix of(RowSource values) {
        return keep(backend.of(values, precision));
    }

    private Matrix keep(Matrix m) {
        made.add(m);
        return m;
    }

    @Override
    public void close() {
        made.forEach(Matrix::close);
        made.clear();
    }
}
