package io.backprop.dataset;

import io.backprop.system.RequestLimits;

/**
 * What a data-set file may hold, checked as it is read: rows, feature columns, target columns, and target values
 * (rows × target columns), which the readers hold in memory until the file ends while feature rows go on.
 */
record FileLimits(int maxRows, int maxColumns, int maxTargets, long maxTargetValues) {

    static FileLimits of(RequestLimits limits) {
        return new FileLimits(limits.maxRows(), limits.maxColumns(), limits.maxTargets(), limits.maxTargetValues());
    }

    /** The most rows a file with {@code targetColumns} target columns may have. */
    int maxRows(int targetColumns) {
        return (int) Math.min(maxRows, maxTargetValues / Math.max(1, targetColumns));
    }

    /** The setting those rows are bounded by, for messages: with the target values' reason when it is theirs. */
    String rowsSetting(int targetColumns) {
        return maxRows(targetColumns) == maxRows ? RequestLimits.MAX_ROWS : "with " + targetColumns
                + " target columns, at most " + maxTargetValues + " target values: " + RequestLimits.MAX_TARGET_VALUES;
    }
}
