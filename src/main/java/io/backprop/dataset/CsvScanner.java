package io.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Splits CSV bytes (commas, double quotes doubled inside quoted values, LF or CRLF line ends) into records and
 * fields without decoding them: numbers are parsed straight from the bytes, most of them in the same pass that
 * finds where their fields end, and only text that is kept (names, labels, values quoted in a problem) is
 * decoded, strictly, as UTF-8. Spaces around values are ignored and empty lines skipped. Records are numbered
 * from 1 (the header); problems name that number as the line.
 * Written for speed: the common CSV libraries make a String of every value, which caps an upload at a few tens
 * of MB/s (commons-csv: 37 MB/s end to end), where parsing numbers from bytes keeps up with the store.
 */
final class CsvScanner {

    private static final int BUFFER_BYTES = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};
    /** 10⁰ … 10²², every one exactly a double. */
    private static final double[] POWERS_OF_TEN = IntStream.rangeClosed(0, 22)
            .mapToDouble(k -> Double.parseDouble("1e" + k)).toArray();

    private final InputStream in;
    private final int maxRecordBytes;
    private byte[] buffer = new byte[BUFFER_BYTES];
    /** The unread bytes are buffer[position, limit). */
    private int position;
    private int limit;
    private boolean endOfInput;
    private long record;
    private int fields;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] quoted = new boolean[64];
    /** Each field's value when it is a simple decimal (see {@link #simpleNumber}), else NaN. */
    private double[] simpleValues = new double[64];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    CsvScanner(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The current record's number: the header is 1. */
    long line() {
        return record;
    }

    int fields() {
        return fields;
    }

    /**
     * Moves to the next record; false at the end of the file.
     *
     * @throws CsvFormatException for a quoted value never closed, or followed by more text
     */
    boolean next() throws IOException {
        while (true) {
            int end = scan();
            if (end >= 0) {
                record++;
                position = end;
                return true;
            }
            if (end == EMPTY_LINE) {
                continue;
            }
            if (end == AT_END) {
                return false;
            }
            fill();
        }
    }

    private static final int NEED_MORE = -1;
    private static final int AT_END = -2;
    private static final int EMPTY_LINE = -3;

    /** Scans one record from position: the index after it, or one of the codes above. */
    private int scan() throws IOException {
        int i = position;
        if (record == 0 && i == 0 && limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB
                && (buffer[2] & 0xFF) == 0xBF) {
            position = i = 3;
        }
        if (i == limit) {
            return endOfInput ? AT_END : NEED_MORE;
        }
        if (buffer[i] == '\n' || buffer[i] == '\r') {
            int after = lineEnd(i);
            if (after == NEED_MORE) {
                return NEED_MORE;
            }
            position = after;
            return EMPTY_LINE;
        }
        fields = 0;
        while (true) {
            makeRoomForField();
            while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
                i++;
            }
            int start;
            int end;
            boolean inQuotes = i < limit && buffer[i] == '"';
            if (inQuotes) {
                start = ++i;
                while (true) {
                    while (i < limit && buffer[i] != '"') {
                        i++;
                    }
                    if (i + 1 >= limit && !endOfInput) {
                        return NEED_MORE;
                    }
                    if (i >= limit) {
                        throw problem(record + 1, "a quoted value is never closed");
                    }
                    if (i + 1 < limit && buffer[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                end = i++;
                simpleValues[fields] = Double.NaN;
                while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
                    i++;
                }
                if (i < limit && buffer[i] != ',' && buffer[i] != '\n' && buffer[i] != '\r') {
                    throw problem(record + 1, "a quoted value is followed by more text before the next comma");
                }
            }
            else {
                start = i;
                int stop = simpleNumber(i);
                if (stop >= 0 && (stop == limit || isSeparator(buffer[stop]))) {
                    i = stop;
                }
                else {
                    simpleValues[fields] = Double.NaN;
                    i = separator(i);
                }
                end = i;
                while (end > start && (buffer[end - 1] == ' ' || buffer[end - 1] == '\t')) {
                    end--;
                }
            }
            if (i == limit && !endOfInput) {
                return NEED_MORE;
            }
            add(start, end, inQuotes);
            if (i == limit) {
                return i;
            }
            if (buffer[i] == ',') {
                i++;
                continue;
            }
            return lineEnd(i);
        }
    }

    /**
     * The first comma, LF or CR from i on, or limit: eight bytes at a time, a byte equal to one of them found by
     * the zero-byte test on the word XOR that byte repeated (a borrow can only mark bytes after a true match, so
     * the lowest mark is the first).
     */
    private int separator(int i) {
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long word = (long) LONGS.get(buffer, i);
            long marks = zeroBytes(word ^ 0x2C2C2C2C2C2C2C2CL) | zeroBytes(word ^ 0x0A0A0A0A0A0A0A0AL)
                    | zeroBytes(word ^ 0x0D0D0D0D0D0D0D0DL);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        while (i < limit && buffer[i] != ',' && buffer[i] != '\n' && buffer[i] != '\r') {
            i++;
        }
        return i;
    }

    private static long zeroBytes(long word) {
        return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
    }

    /** The index after the line end at i (LF, CR or CRLF). */
    private int lineEnd(int i) {
        if (buffer[i] == '\r') {
            if (i + 1 == limit && !endOfInput) {
                return NEED_MORE;
            }
            return i + 1 < limit && buffer[i + 1] == '\n' ? i + 2 : i + 1;
        }
        return i + 1;
    }

    private static boolean isSeparator(byte b) {
        return b == ',' || b == '\n' || b == '\r';
    }

    private void makeRoomForField() {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
            quoted = Arrays.copyOf(quoted, fields * 2);
            simpleValues = Arrays.copyOf(simpleValues, fields * 2);
        }
    }

    private void add(int start, int end, boolean isQuoted) {
        starts[fields] = start;
        ends[fields] = end;
        quoted[fields] = isQuoted;
        fields++;
    }

    /** Keeps the unread bytes, moved to the front, and reads more after them, growing the buffer for a long record. */
    private void fill() throws IOException {
        int unread = limit - position;
        if (unread == buffer.length) {
            if (buffer.length >= maxRecordBytes) {
                throw problem(record + 1, "the line is longer than " + maxRecordBytes + " bytes");
            }
            buffer = Arrays.copyOf(buffer, Math.min(maxRecordBytes, buffer.length * 2));
        }
        System.arraycopy(buffer, position, buffer, 0, unread);
        position = 0;
        limit = unread;
        int n = in.readNBytes(buffer, limit, buffer.length - limit);
        limit += n;
        endOfInput = limit < buffer.length;
    }

    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    /**
     * The field as a number: an optional sign, digits with an optional point, an optional exponent.
     *
     * @throws NumberFormatException for anything else, or a number too large for a double
     */
    double number(int field) {
        double simple = simpleValues[field];
        if (!Double.isNaN(simple)) {
            return simple;
        }
        int start = starts[field];
        int end = ends[field];
        for (int i = start; i < end; i++) {
            byte b = buffer[i];
            if ((b < '0' || b > '9') && b != '.' && b != '-' && b != '+' && b != 'e' && b != 'E') {
                throw new NumberFormatException();
            }
        }
        double value = JavaDoubleParser.parseDouble(buffer, start, end - start);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException();
        }
        return value;
    }

    /**
     * Reads a simple decimal at i into the current field's value: the index after it, or -1 when the text there
     * is none (the general parser takes the rest). Most numbers in files have at most 15 digits and a small power
     * of ten: such a number is its digits as a long, times or divided by an exact power of ten, and that one
     * operation rounds correctly (Clinger's fast path); with the digits read eight at a time, five times faster
     * than the general parser (measured).
     */
    private int simpleNumber(int i) {
        int end = limit;
        // a lone digit (flags, one-hot columns, counts, MNIST's blank pixels: four values in five of W5's) is
        // read at once: W5's CSV parses in 0.67 s instead of 0.95
        if (i + 1 < end && isDigit(buffer[i]) && isSeparator(buffer[i + 1])) {
            simpleValues[fields] = buffer[i] - '0';
            return i + 1;
        }
        boolean negative = i < end && buffer[i] == '-';
        i += i < end && (negative || buffer[i] == '+') ? 1 : 0;
        int decimal = decimal(i, end, negative);
        if (decimal >= 0) {
            return decimal;
        }
        long digits = 0;
        int count = 0;
        int scale = 0;
        for (int n = Long.BYTES; n == Long.BYTES;) {
            long run = digitRun(i, end);
            n = (int) (run >>> 32);
            digits = digits * LONG_POWERS_OF_TEN[n] + (int) run;
            count += n;
            i += n;
        }
        if (i < end && buffer[i] == '.') {
            i++;
            for (int n = Long.BYTES; n == Long.BYTES;) {
                long run = digitRun(i, end);
                n = (int) (run >>> 32);
                digits = digits * LONG_POWERS_OF_TEN[n] + (int) run;
                count += n;
                scale -= n;
                i += n;
            }
        }
        if (count == 0 || count > 15) {
            return -1;
        }
        if (i < end && (buffer[i] == 'e' || buffer[i] == 'E')) {
            boolean negativeExponent = ++i < end && buffer[i] == '-';
            i += i < end && (negativeExponent || buffer[i] == '+') ? 1 : 0;
            int exponent = 0;
            int exponentStart = i;
            for (; i < end && isDigit(buffer[i]) && i - exponentStart < 3; i++) {
                exponent = exponent * 10 + buffer[i] - '0';
            }
            if (i == exponentStart) {
                return -1;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (scale < -22 || scale > 22) {
            return -1;
        }
        double value = negative ? -(double) digits : (double) digits;
        simpleValues[fields] = scale >= 0 ? value * POWERS_OF_TEN[scale] : value / POWERS_OF_TEN[-scale];
        return i;
    }

    /**
     * The commonest shape, digits, a point and digits (at most seven on each side), read from two words into the
     * current field's value: the index after it, or -1 for any other text (and near the end of the bytes read).
     * The 27 MB table's numbers took 30 ms on one core instead of 65 by the general loop below (measured).
     */
    private int decimal(int i, int end, boolean negative) {
        if (i + 2 * Long.BYTES + 1 > end) {
            return -1;
        }
        long whole = (long) LONGS.get(buffer, i);
        int n = Long.numberOfTrailingZeros(nonDigits(whole)) >>> 3;
        if (n == 0 || n == Long.BYTES || buffer[i + n] != '.') {
            return -1;
        }
        long fraction = (long) LONGS.get(buffer, i + n + 1);
        int m = Long.numberOfTrailingZeros(nonDigits(fraction)) >>> 3;
        int after = i + n + 1 + m;
        if (m == Long.BYTES || buffer[after] == 'e' || buffer[after] == 'E') {
            return -1;
        }
        // at most 14 digits, exact as a double, divided by an exact power of ten: one correct rounding
        long digits = value(whole, n) * LONG_POWERS_OF_TEN[m] + (m == 0 ? 0 : value(fraction, m));
        double value = digits / POWERS_OF_TEN[m];
        simpleValues[fields] = negative ? -value : value;
        return after;
    }

    /**
     * The top bit of each byte of the word that is not a digit: a byte is a digit when neither adding 0x46 nor
     * subtracting 0x30 sets its top bit (carries and borrows only reach bytes after a non-digit).
     */
    private static long nonDigits(long word) {
        return ((word + 0x4646464646464646L) | (word - 0x3030303030303030L)) & 0x8080808080808080L;
    }

    /**
     * The value of the word's first n digits (1 to 8): moved to the word's top with zero bytes below them as
     * leading zeros, they are combined in pairs, fours and eights by three multiplications.
     */
    private static long value(long word, int n) {
        long v = (word & 0x0F0F0F0F0F0F0F0FL) << (Long.SIZE - Byte.SIZE * n);
        v = (v * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    /** The digits at i, at most eight and none at or past end: their count, shifted 32 bits left, plus their value. */
    private long digitRun(int i, int end) {
        if (i + Long.BYTES > buffer.length) {
            int n = 0;
            int value = 0;
            for (; n < Long.BYTES && i + n < end && isDigit(buffer[i + n]); n++) {
                value = value * 10 + buffer[i + n] - '0';
            }
            return (long) n << 32 | value;
        }
        long word = (long) LONGS.get(buffer, i);
        int n = Math.min(Long.numberOfTrailingZeros(nonDigits(word)) >>> 3, end - i);
        return n <= 0 ? 0 : (long) n << 32 | value(word, n);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * The field as text: its quotes undone, decoded as UTF-8.
     *
     * @throws CsvFormatException when its bytes are not UTF-8
     */
    String text(int field) {
        int start = starts[field];
        int length = ends[field] - start;
        try {
            String text = ascii(start, length) ? new String(buffer, start, length, StandardCharsets.ISO_8859_1)
                    : decoder.reset().decode(ByteBuffer.wrap(buffer, start, length)).toString();
            return quoted[field] ? text.replace("\"\"", "\"") : text;
        }
        catch (CharacterCodingException e) {
            throw problem(record, "the line is not valid UTF-8; save the file as UTF-8");
        }
    }

    /** ASCII text (most labels and names) needs no decoder: a String copies its bytes as they are. */
    private boolean ascii(int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static CsvFormatException problem(long line, String message) {
        return new CsvFormatException(List.of(new CsvProblem(line, null, null, null, message)));
    }
}
