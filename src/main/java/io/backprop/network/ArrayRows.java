package io.backprop.network;

/** Rows given as arrays. */
final class ArrayRows implements RowSource {

    private final double[][] rows;

    ArrayRows(double[][] rows) {
        for (double[] row : rows) {
            if (row == null || row.length != rows[0].length || row.length == 0) {
                throw new IllegalArgumentException("must be a non-empty rectangle, got " + Shapes.describe(rows));
            }
        }
        this.rows = rows;
    }

    @Override
    public int rows() {
        return rows.length;
    }

    @Override
    public int columns() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    @Override
    public void read(int row, double[] into, int offset) {
        System.arraycopy(rows[row], 0, into, offset, rows[row].length);
    }

    @Override
    public void read(int row, float[] into, int offset) {
        double[] values = rows[row];
        for (int j = 0; j < values.length; j++) {
            into[offset + j] = (float) values[j];
        }
    }
}
