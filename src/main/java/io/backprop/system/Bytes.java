package io.backprop.system;

import java.util.Locale;

/** Byte counts as people read them: 512 bytes, 1.5 KB, 12.3 MB, 4.0 GB (powers of 1024). */
public final class Bytes {

    private Bytes() {
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
