package io.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses malformed bytes instead of replacing them with U+FFFD (which would store a changed
 * text silently). It counts the lines it has decoded, so the error names the line that holds the bad bytes:
 * a reader further on can only guess, having read ahead.
 */
public final class StrictUtf8Reader extends Reader {

    /** Malformed UTF-8 on a line (counted from 1). */
    public static final class MalformedLineException extends CharacterCodingException {

        private final long line;

        MalformedLineException(long line) {
            this.line = line;
        }

        public long line() {
            return line;
        }

        @Override
        public String getMessage() {
            return "line " + line + " is not valid UTF-8";
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
    /** Line breaks among the characters decoded before the buffer's {@code counted} first ones, and those. */
    private long linesBefore;
    private int counted;
    private boolean endOfInput;

    public StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeMore()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Refills the characters; false at the end of the input. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        counted = 0;
        while (chars.position() == 0) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            countLines();
            if (result.isError()) {
                throw new MalformedLineException(linesBefore + 1);
            }
            if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(chars);
                    break;
                }
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                endOfInput = read < 0;
                bytes.position(bytes.position() + Math.max(read, 0)).flip();
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    /** Adds the line breaks decoded since the last count. */
    private void countLines() {
        char[] decoded = chars.array();
        for (int i = counted; i < chars.position(); i++) {
            if (decoded[i] == '\n') {
                linesBefore++;
            }
        }
        counted = chars.position();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
