package io.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Splits CSV bytes (commas, double quotes doubled inside quoted values, LF or CRLF line ends) into records and
 * fields without decoding them: numbers are parsed straight from the bytes, and only text that is kept (names,
 * labels, values quoted in a problem) is decoded, strictly, as UTF-8. Spaces around values are ignored and
 * empty lines skipped. Records are numbered from 1 (the header); problems name that number as the line.
 * Written for speed: the common CSV libraries make a String of every value, which caps an upload at a few tens
 * of MB/s (commons-csv: 37 MB/s end to end), where parsing numbers from bytes keeps up with the store.
 */
final class CsvScanner {

    private static final int BUFFER_BYTES = 1 << 20;

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
                while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
                    i++;
                }
                if (i < limit && buffer[i] != ',' && buffer[i] != '\n' && buffer[i] != '\r') {
                    throw problem(record + 1, "a quoted value is followed by more text before the next comma");
                }
            }
            else {
                start = i;
                while (i < limit && buffer[i] != ',' && buffer[i] != '\n' && buffer[i] != '\r') {
                    i++;
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

    private void add(int start, int end, boolean isQuoted) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
            quoted = Arrays.copyOf(quoted, fields * 2);
        }
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
        int start = starts[field];
        int length = ends[field] - start;
        boolean digitsOnly = length > 0 && length <= 9;
        for (int i = start; i < start + length; i++) {
            byte b = buffer[i];
            if (b < '0' || b > '9') {
                digitsOnly = false;
                if (b != '.' && b != '-' && b != '+' && b != 'e' && b != 'E') {
                    throw new NumberFormatException();
                }
            }
        }
        if (digitsOnly) {
            // small whole numbers (pixels, counts, class numbers) are most values of many files: no parser needed
            int value = 0;
            for (int i = start; i < start + length; i++) {
                value = value * 10 + buffer[i] - '0';
            }
            return value;
        }
        double value = JavaDoubleParser.parseDouble(buffer, start, length);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException();
        }
        return value;
    }

    /**
     * The field as text: its quotes undone, decoded as UTF-8.
     *
     * @throws CsvFormatException when its bytes are not UTF-8
     */
    String text(int field) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, starts[field], ends[field] - starts[field])).toString();
            return quoted[field] ? text.replace("\"\"", "\"") : text;
        }
        catch (CharacterCodingException e) {
            throw problem(record, "the line is not valid UTF-8; save the file as UTF-8");
        }
    }

    private static CsvFormatException problem(long line, String message) {
        return new CsvFormatException(List.of(new CsvProblem(line, null, null, null, message)));
    }
}
