package io.backprop.dataset;

/** Consecutive rows of one part of a row set as read, before they are stored: float64 values, row by row. */
record RowBlock(RowChunk.Part part, int firstRow, int rows, int columns, double[] values) {
}
