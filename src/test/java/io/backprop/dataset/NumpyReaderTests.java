package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A file past a limit is refused with the limit and the setting that raises it. */
class NumpyReaderTests {

    @Test
    void anArrayPastTheLimitsShouldNameTheSettingToRaise() {
        NumpyReader twoRowsTwoColumnsOneTarget = new NumpyReader(new FileLimits(2, 2, 1, 100));

        assertThatThrownBy(() -> read(twoRowsTwoColumnsOneTarget, npy(3, 2), List.of("x2")))
                .isInstanceOf(NumpyFormatException.class)
                .hasMessage("the array 'array' has 3 rows; between 1 and 2 are allowed (backprop.limits.max-rows)");
        assertThatThrownBy(() -> read(twoRowsTwoColumnsOneTarget, npy(1, 4), List.of("x4")))
                .hasMessage("the array 'array' has 4 columns; at most 2 features are allowed "
                        + "(backprop.limits.max-columns)");
        assertThatThrownBy(() -> read(twoRowsTwoColumnsOneTarget, npy(1, 3), List.of("x2", "x3")))
                .hasMessage("2 target columns are named; at most 1 are allowed (backprop.limits.max-targets)");
    }

    @Test
    void targetValuesPastTheirLimitShouldBoundTheRowsOfAnArrayWithManyTargets() {
        NumpyReader fiveTargetValues = new NumpyReader(new FileLimits(4, 4, 2, 5));

        read(fiveTargetValues, npy(4, 2), List.of("x2"));
        assertThatThrownBy(() -> read(fiveTargetValues, npy(3, 3), List.of("x2", "x3")))
                .hasMessage("the array 'array' has 3 rows; between 1 and 2 are allowed (with 2 target columns, at "
                        + "most 5 target values: backprop.limits.max-target-values)");
    }

    private static void read(NumpyReader reader, byte[] npy, List<String> targets) {
        reader.readArray(new ByteArrayInputStream(npy), targets, row -> { });
    }

    /** A version 1.0 .npy file of rows × columns little-endian float64 zeros, as np.save writes it. */
    private static byte[] npy(int rows, int columns) {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int padded = (header.length() + 11 + 63) / 64 * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) padded).array());
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[rows * columns * Double.BYTES]);
        return out.toByteArray();
    }
}
