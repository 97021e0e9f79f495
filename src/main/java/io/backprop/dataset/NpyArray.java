package io.backprop.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array in NumPy's .npy format, read row by row from a stream: numbers (float, signed and unsigned
 * integers, booleans) or fixed-width Unicode text. Never object arrays, which NumPy stores pickled: nothing is
 * ever unpickled here. A 1-D array reads as one column.
 */
final class NpyArray {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_BYTES = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final String name;
    private final InputStream in;
    private final char kind;
    private final int itemBytes;
    private final ByteOrder order;
    private final long rows;
    private final long columns;
    private byte[] row;
    private int read;

    private NpyArray(String name, InputStream in, char kind, int itemBytes, ByteOrder order, long rows,
            long columns) {
        this.name = name;
        this.in = in;
        this.kind = kind;
        this.itemBytes = itemBytes;
        this.order = order;
        this.rows = rows;
        this.columns = columns;
    }

    /** Reads the header of the array {@code name} from {@code in}, which is left at its first value. */
    static NpyArray open(String name, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw problem(name, "is not a .npy array (its first bytes are not \\x93NUMPY)");
        }
        int major = magic[6];
        byte[] size = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer length = ByteBuffer.wrap(Arrays.copyOf(size, 4)).order(ByteOrder.LITTLE_ENDIAN);
        int headerBytes = length.getInt();
        if (size.length < (major == 1 ? 2 : 4) || headerBytes < 0 || headerBytes > MAX_HEADER_BYTES) {
            throw problem(name, "has a header of " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES);
        }
        String header = new String(in.readNBytes(headerBytes), major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw problem(name, "has a header NumPy did not write: " + CsvProblem.shorten(header.strip()));
        }
        char kind = descr.group(2).charAt(0);
        int itemBytes = descr.group(3).isEmpty() ? 0 : Integer.parseInt(descr.group(3));
        if (!supported(kind, itemBytes)) {
            throw problem(name, "holds " + descr.group(1) + descr.group(2) + descr.group(3) + " values"
                    + (kind == 'O' ? " (Python objects, which are never unpickled here)" : "")
                    + "; use float64, float32, integers, booleans or (for labels) Unicode text");
        }
        long[] dimensions = Arrays.stream(shape.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        if (dimensions.length < 1 || dimensions.length > 2) {
            throw problem(name, "has " + dimensions.length + " dimensions; expected rows (1-D) or rows × columns");
        }
        long columns = dimensions.length == 2 ? dimensions[1] : 1;
        if (fortran.group(1).equals("True") && columns > 1 && dimensions[0] > 1) {
            throw problem(name, "is stored column by column (Fortran order); save np.ascontiguousarray(a)");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (kind == 'U') {
            itemBytes *= 4;
        }
        return new NpyArray(name, in, kind, itemBytes, order, dimensions[0], columns);
    }

    private static boolean supported(char kind, int bytes) {
        return switch (kind) {
            case 'f' -> bytes == 4 || bytes == 8;
            case 'i', 'u' -> bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8;
            case 'b' -> bytes == 1;
            case 'U' -> bytes > 0 && bytes <= Names.MAX_LENGTH;
            default -> false;
        };
    }

    String name() {
        return name;
    }

    long rows() {
        return rows;
    }

    long columns() {
        return columns;
    }

    boolean isText() {
        return kind == 'U';
    }

    /** Reads the next row of numbers into {@code into}. */
    void readRow(double[] into) throws IOException {
        ByteBuffer values = next();
        if (kind == 'f' && itemBytes == 8) {
            values.asDoubleBuffer().get(into, 0, (int) columns);
        }
        for (int j = 0; j < columns; j++) {
            double value = switch (kind) {
                case 'f' -> itemBytes == 8 ? into[j] : values.getFloat();
                case 'u' -> unsigned(values);
                default -> signed(values);
            };
            if (!Double.isFinite(value)) {
                throw problem(name, "row " + read + ", column " + (j + 1) + ": " + value + " is not a finite number");
            }
            into[j] = value;
        }
    }

    /** Reads the next value of a 1-D text array (trailing NULs, NumPy's padding, removed). */
    String readText() throws IOException {
        ByteBuffer value = next();
        int[] codePoints = new int[itemBytes / 4];
        int length = 0;
        while (length < codePoints.length) {
            int c = value.getInt();
            if (c == 0) {
                break;
            }
            if (!Character.isValidCodePoint(c)) {
                throw problem(name, "row " + read + ": U+" + Integer.toHexString(c) + " is not a character");
            }
            codePoints[length++] = c;
        }
        return new String(codePoints, 0, length);
    }

    private ByteBuffer next() throws IOException {
        row = row != null ? row : new byte[Math.toIntExact(columns * itemBytes)];
        if (in.readNBytes(row, 0, row.length) < row.length) {
            throw new EOFException();
        }
        read++;
        return ByteBuffer.wrap(row).order(order);
    }

    private double unsigned(ByteBuffer values) {
        return switch (itemBytes) {
            case 1 -> values.get() & 0xFF;
            case 2 -> values.getShort() & 0xFFFF;
            case 4 -> values.getInt() & 0xFFFFFFFFL;
            default -> {
                long v = values.getLong();
                yield v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
        };
    }

    private double signed(ByteBuffer values) {
        return switch (itemBytes) {
            case 1 -> values.get();
            case 2 -> values.getShort();
            case 4 -> values.getInt();
            default -> values.getLong();
        };
    }

    static NumpyFormatException problem(String name, String message) {
        return new NumpyFormatException("the array '" + name + "' " + message);
    }
}
