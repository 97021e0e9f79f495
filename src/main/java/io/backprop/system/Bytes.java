package io.backprop.system;

import java.io.OutputStream;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

/** Byte counts as people read them: 512 bytes, 1.5 KB, 12.3 MB, 4.0 GB (powers of 1024). */
public final class Bytes {

    private Bytes() {
    }

    /** How many bytes {@code value} takes written as JSON, counted without holding them. */
    public static long json(JsonMapper json, Object value) {
        long[] count = {0};
        json.writeValue(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                count[0] += length;
            }
        }, value);
        return count[0];
    }

    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
