package io.backprop.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Data-set files as NumPy and gzip write them (.npy, .npz of features with targets or labels, gzip-compressed
 * CSV), made here byte by byte, and then broken: a header's shape or type swapped for a hostile one, a byte
 * flipped, the file cut short.
 */
public final class HostileFiles {

    private static final List<String> SHAPES = List.of("(999999999, 2)", "(4, 99999999)", "(-4, 2)", "()",
            "(4, 2, 3)", "(4,)", "(0, 2)", "(4, 2", "(2147483648, 1)");
    private static final List<String> TYPES = List.of("|O", "<f16", ">f8", "<U99999", "|b1", "<c16", "", "<i8",
            "|u1", "<U3");

    enum Kind {
        NPY, NPZ_TARGETS, NPZ_LABELS, GZIP_CSV
    }

    enum Break {
        NONE, SHAPE, TYPE, FLIP, TRUNCATE
    }

    private HostileFiles() {
    }

    public static Arbitrary<HostileRequests.Body> files() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of(Break.class), Arbitraries.of(SHAPES),
                Arbitraries.of(TYPES), Arbitraries.integers().between(0, 100_000), Arbitraries.bytes())
                .as(HostileFiles::file);
    }

    private static HostileRequests.Body file(Kind kind, Break change, String shape, String type, int at, byte b) {
        String firstShape = change == Break.SHAPE ? shape : null;
        String firstType = change == Break.TYPE ? type : null;
        byte[] bytes = switch (kind) {
            case NPY -> npy(or(firstType, "<f8"), or(firstShape, "(4, 3)"), doubles(12));
            case NPZ_TARGETS -> zip("features.npy", npy(or(firstType, "<f4"), or(firstShape, "(4, 2)"), floats(8)),
                    "targets.npy", npy("<i8", "(4,)", longs(4)));
            case NPZ_LABELS -> zip("features.npy", npy("<f8", "(4, 2)", doubles(8)), "labels.npy",
                    npy(or(firstType, "<U3"), or(firstShape, "(4,)"), labels()));
            case GZIP_CSV -> gzip("a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n".getBytes(StandardCharsets.UTF_8));
        };
        int position = at % Math.max(1, bytes.length);
        if (change == Break.FLIP) {
            bytes[position] = b;
        }
        if (change == Break.TRUNCATE) {
            bytes = Arrays.copyOf(bytes, position);
        }
        return new HostileRequests.Body(bytes, "application/octet-stream", kind + " " + change + " "
                + (change == Break.SHAPE ? shape : change == Break.TYPE ? type : "at " + position));
    }

    private static String or(String changed, String valid) {
        return changed != null ? changed : valid;
    }

    /** An array as np.save writes it: magic, version 1.0, the header padded to 64 bytes, then the values. */
    static byte[] npy(String type, String shape, byte[] values) {
        String header = "{'descr': '" + type + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int padded = (10 + header.length() + 1 + 63) / 64 * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteBuffer file = ByteBuffer.allocate(10 + header.length() + values.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(values);
        return file.array();
    }

    private static byte[] doubles(int count) {
        ByteBuffer values = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            values.putDouble(i * 0.5);
        }
        return values.array();
    }

    private static byte[] floats(int count) {
        ByteBuffer values = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            values.putFloat(i * 0.25f);
        }
        return values.array();
    }

    private static byte[] longs(int count) {
        ByteBuffer values = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            values.putLong(i % 2);
        }
        return values.array();
    }

    /** "ab", "cd", "ab", "cd" as NumPy's fixed-width UTF-32 text of three characters. */
    private static byte[] labels() {
        ByteBuffer values = ByteBuffer.allocate(4 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            String label = i % 2 == 0 ? "ab" : "cd";
            for (int c = 0; c < 3; c++) {
                values.putInt(c < label.length() ? label.charAt(c) : 0);
            }
        }
        return values.array();
    }

    private static byte[] zip(String firstName, byte[] first, String secondName, byte[] second) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(firstName));
            zip.write(first);
            zip.putNextEntry(new ZipEntry(secondName));
            zip.write(second);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
