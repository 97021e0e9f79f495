package io.backprop.dataset;

/**
 * A block of consecutive rows of one part of a row set (its features or its targets) as stored: little-endian
 * float64 values row by row, or float32 where every value in the block is exactly a float32.
 */
record RowChunk(Part part, int firstRow, int rows, boolean float32, byte[] content) {

    /** Which values a chunk holds; its code is what the store keeps. */
    enum Part {
        FEATURES('F'), TARGETS('T');

        final char code;

        Part(char code) {
            this.code = code;
        }

        static Part of(String code) {
            return code.charAt(0) == 'F' ? FEATURES : TARGETS;
        }
    }
}
