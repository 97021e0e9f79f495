package io.backprop.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns blocks of rows into stored chunks, in order: little-endian float64, or float32 where every value of the
 * block is exactly a float32 (or the data set is declared float32, and its values rounded). Every chunk goes into
 * the SHA-256 digest that names the content, so the same rows, sent in any format, name the same content.
 */
final class ChunkEncoder {

    /** What was encoded: its digest, shape, classes (null unless the targets are class numbers) and bytes. */
    record Content(String sha256, int rows, int features, int targets, List<Object> classes, long bytes) {
    }

    private final boolean float32;
    private final MessageDigest digest;
    private int rows;
    private int features;
    private int targets;
    private long bytes;

    /** @param float32 round every value to float32 (the data set is declared float32) */
    ChunkEncoder(boolean float32) {
        this.float32 = float32;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    RowChunk encode(RowBlock block) {
        if (block.part() == RowChunk.Part.FEATURES) {
            rows += block.rows();
            features = block.columns();
        }
        else {
            targets = block.columns();
        }
        int count = block.rows() * block.columns();
        double[] values = block.values();
        boolean narrow = float32 || allFloat32(values, count);
        ByteBuffer content = ByteBuffer.allocate(count * (narrow ? Float.BYTES : Double.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (narrow) {
            for (int i = 0; i < count; i++) {
                content.putFloat((float) values[i]);
            }
        }
        else {
            content.asDoubleBuffer().put(values, 0, count);
        }
        RowChunk chunk = new RowChunk(block.part(), block.firstRow(), block.rows(), narrow, content.array());
        digest.update((block.part().code + ":" + block.rows() + "x" + block.columns() + (narrow ? ":f4\n" : ":f8\n"))
                .getBytes(StandardCharsets.US_ASCII));
        digest.update(chunk.content());
        bytes += chunk.content().length;
        return chunk;
    }

    /** The content encoded, once every block is, with the classes its targets number. */
    Content content(List<Object> classes) {
        if (classes != null) {
            for (Object label : classes) {
                String typed = (label instanceof String ? "s:" : "n:") + label + "\n";
                digest.update(typed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Content(HexFormat.of().formatHex(digest.digest()), rows, features, targets, classes, bytes);
    }

    private static boolean allFloat32(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            if ((float) values[i] != values[i]) {
                return false;
            }
        }
        return true;
    }
}
