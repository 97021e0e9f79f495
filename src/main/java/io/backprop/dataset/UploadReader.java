package io.backprop.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import io.backprop.system.BoundedInputStream;

/**
 * Reads an uploaded data-set file of any accepted kind, told apart by its first bytes: a NumPy .npy array or
 * .npz archive, or CSV; gzip-compressed (by Content-Encoding, or a .gz file) or not. Feature rows go on one at
 * a time as they are read.
 */
final class UploadReader {

    private static final byte[] NPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private final CsvReader csv;
    private final NumpyReader numpy;
    private final long maxBytes;
    private final Supplier<? extends RuntimeException> tooLarge;

    /** @param maxBytes the most a compressed file may hold once decompressed, else {@code tooLarge} is thrown */
    UploadReader(CsvReader csv, NumpyReader numpy, long maxBytes, Supplier<? extends RuntimeException> tooLarge) {
        this.csv = csv;
        this.numpy = numpy;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    /**
     * @param gzipped whether the body came with Content-Encoding: gzip
     * @throws CsvFormatException, NumpyFormatException for a file that cannot become a data set
     * @throws java.util.zip.ZipException for a compressed file that cannot be decompressed
     */
    TabularData read(InputStream body, boolean gzipped, List<String> targets, Consumer<double[]> features)
            throws IOException {
        InputStream in = new BufferedInputStream(body, 1 << 16);
        byte[] start = peek(in, 6);
        if (gzipped || start.length >= 2 && (start[0] & 0xFF) == 0x1F && (start[1] & 0xFF) == 0x8B) {
            return read(new BoundedInputStream(new GZIPInputStream(in, 1 << 16), maxBytes, tooLarge), false, targets,
                    features);
        }
        if (Arrays.equals(start, NPY)) {
            return numpy.readArray(in, targets, features);
        }
        if (NumpyReader.isArchive(start)) {
            return numpy.readArchive(in, features);
        }
        return csv.read(in, targets, features);
    }

    private static byte[] peek(InputStream in, int count) throws IOException {
        in.mark(count);
        byte[] start = in.readNBytes(count);
        in.reset();
        return start;
    }
}
