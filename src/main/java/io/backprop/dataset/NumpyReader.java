package io.backprop.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.backprop.system.RequestLimits;

/**
 * Reads NumPy arrays as they arrive: an .npz archive (what {@code np.savez(f, features=X, targets=y)} or
 * {@code labels=…} writes, compressed or not; features alone for rows to predict) or one .npy array of features
 * and targets side by side, its columns named x1, x2, … and the targets picked by name (none: every column is a
 * feature). Feature rows go on one at a time; the targets are held.
 */
public final class NumpyReader {

    private static final List<String> NPZ_ARRAYS = List.of("features", "targets", "labels");

    private final FileLimits limits;

    NumpyReader(FileLimits limits) {
        this.limits = limits;
    }

    /** Whether these first bytes start an .npz archive (a zip file) rather than a .npy array. */
    static boolean isArchive(byte[] start) {
        return start.length >= 2 && start[0] == 'P' && start[1] == 'K';
    }

    /**
     * @param features receives each row of features (the same array, refilled: copy what is kept)
     * @throws NumpyFormatException saying what is wrong with which array
     */
    public TabularData readArchive(InputStream npz, Consumer<double[]> features) {
        try (ZipInputStream zip = new ZipInputStream(npz)) {
            Long rows = null;
            Integer featureCount = null;
            TabularData targets = null;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName().replaceFirst("\\.npy$", "");
                if (!NPZ_ARRAYS.contains(name)) {
                    throw new NumpyFormatException("the archive holds '" + CsvProblem.shorten(entry.getName())
                            + "'; expected features.npy, and targets.npy or labels.npy (or neither)");
                }
                NpyArray array = NpyArray.open(name, new BufferedInputStream(zip));
                rows = sameRows(rows, array);
                if (name.equals("features")) {
                    featureCount = (int) checkColumns(array);
                    stream(array, features);
                }
                else if (targets != null) {
                    throw new NumpyFormatException("the archive holds both targets and labels; give one of them");
                }
                else {
                    targets = targets(array);
                }
            }
            if (featureCount == null) {
                throw new NumpyFormatException("the archive lacks features.npy; save it with np.savez(f, "
                        + "features=X, targets=y), or features=X alone for rows to predict");
            }
            return targets == null ? TabularData.featuresOnly(Names.numbered("x", featureCount), rows.intValue())
                    : new TabularData(Names.numbered("x", featureCount), targets.targetNames(), targets.targets(),
                            targets.labels());
        }
        catch (ZipException | IllegalArgumentException e) {
            // the JDK's zip reader says IllegalArgumentException of an entry name that is not UTF-8
            throw new NumpyFormatException("the archive is not a readable .npz (zip) file: " + e.getMessage());
        }
        catch (EOFException e) {
            throw new NumpyFormatException("the file ends before its last array does");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One 2-D .npy array, its columns named x1, x2, …: {@code targetColumns} become targets, the rest features.
     */
    public TabularData readArray(InputStream npy, List<String> targetColumns, Consumer<double[]> features) {
        try {
            NpyArray array = NpyArray.open("array", new BufferedInputStream(npy));
            sameRows(null, array);
            if (targetColumns.size() > limits.maxTargets()) {
                throw new NumpyFormatException(targetColumns.size() + " target columns are named; at most "
                        + limits.maxTargets() + " are allowed (" + RequestLimits.MAX_TARGETS + ")");
            }
            requireTargetRows(array, targetColumns.size());
            List<String> names = Names.numbered("x", (int) Math.min(array.columns(),
                    limits.maxColumns() + targetColumns.size() + 1));
            if (array.columns() > limits.maxColumns() + targetColumns.size() || array.isText()) {
                throw NpyArray.problem("array", array.isText() ? "holds text; a single array must hold numbers"
                        : "has " + array.columns() + " columns; at most " + limits.maxColumns()
                                + " features are allowed (" + RequestLimits.MAX_COLUMNS + ")");
            }
            if (!names.containsAll(targetColumns)) {
                throw new NumpyFormatException("name the target columns among x1 … x" + array.columns()
                        + ", e.g. ?targets=x" + array.columns());
            }
            int[] targetIndexes = targetColumns.stream().mapToInt(names::indexOf).toArray();
            int[] featureIndexes = IntStream.range(0, names.size()).filter(j -> !targetColumns.contains(names.get(j)))
                    .toArray();
            if (featureIndexes.length == 0) {
                throw new NumpyFormatException("every column is a target; no features are left");
            }
            double[] row = new double[names.size()];
            double[] featureRow = new double[featureIndexes.length];
            double[][] targets = new double[(int) array.rows()][targetIndexes.length];
            for (int i = 0; i < targets.length; i++) {
                array.readRow(row);
                for (int t = 0; t < targetIndexes.length; t++) {
                    targets[i][t] = row[targetIndexes[t]];
                }
                for (int f = 0; f < featureIndexes.length; f++) {
                    featureRow[f] = row[featureIndexes[f]];
                }
                features.accept(featureRow);
            }
            return new TabularData(Arrays.stream(featureIndexes).mapToObj(names::get).toList(), targetColumns,
                    targets, null);
        }
        catch (EOFException e) {
            throw new NumpyFormatException("the file ends before its array does");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The targets are held until the file ends: bounded by their values as well as by the rows. */
    private void requireTargetRows(NpyArray array, int targetColumns) {
        if (array.rows() > limits.maxRows(targetColumns)) {
            throw NpyArray.problem(array.name(), "has " + array.rows() + " rows; between 1 and "
                    + limits.maxRows(targetColumns) + " are allowed (" + limits.rowsSetting(targetColumns) + ")");
        }
    }

    private long sameRows(Long rows, NpyArray array) {
        if (array.rows() < 1 || array.rows() > limits.maxRows()) {
            throw NpyArray.problem(array.name(), "has " + array.rows() + " rows; between 1 and " + limits.maxRows()
                    + " are allowed (" + RequestLimits.MAX_ROWS + ")");
        }
        if (rows != null && rows != array.rows()) {
            throw NpyArray.problem(array.name(), "has " + array.rows() + " rows; the other array has " + rows);
        }
        return array.rows();
    }

    private long checkColumns(NpyArray array) {
        if (array.isText() || array.columns() < 1 || array.columns() > limits.maxColumns()) {
            throw NpyArray.problem(array.name(), array.isText() ? "holds text; features must be numbers"
                    : "has " + array.columns() + " columns; between 1 and " + limits.maxColumns() + " are allowed ("
                            + RequestLimits.MAX_COLUMNS + ")");
        }
        return array.columns();
    }

    private static void stream(NpyArray array, Consumer<double[]> features) throws IOException {
        double[] row = new double[(int) array.columns()];
        for (long i = 0; i < array.rows(); i++) {
            array.readRow(row);
            features.accept(row);
        }
    }

    /** Targets (numbers) or labels (text or integers, one per row) from a targets.npy or labels.npy array. */
    private TabularData targets(NpyArray array) throws IOException {
        int rows = (int) array.rows();
        if (array.name().equals("labels")) {
            if (array.columns() != 1) {
                throw NpyArray.problem("labels", "has " + array.columns() + " columns; labels are one per row");
            }
            List<Object> labels = new ArrayList<>(rows);
            double[] value = new double[1];
            for (int i = 0; i < rows; i++) {
                if (array.isText()) {
                    labels.add(label(array.readText(), i));
                    continue;
                }
                array.readRow(value);
                if (value[0] != Math.rint(value[0])) {
                    throw NpyArray.problem("labels", "row " + i + ": " + value[0] + " is not an integer class label");
                }
                labels.add((long) value[0]);
            }
            return new TabularData(List.of(), List.of("y"), null, labels);
        }
        if (array.isText()) {
            throw NpyArray.problem("targets", "holds text; give class labels as labels.npy");
        }
        int columns = (int) checkColumns(array);
        if (columns > limits.maxTargets()) {
            throw NpyArray.problem("targets", "has " + columns + " columns; at most " + limits.maxTargets()
                    + " are allowed (" + RequestLimits.MAX_TARGETS + ")");
        }
        requireTargetRows(array, columns);
        double[][] targets = new double[rows][columns];
        for (double[] row : targets) {
            array.readRow(row);
        }
        return new TabularData(List.of(), columns == 1 ? List.of("y") : Names.numbered("y", columns), targets, null);
    }

    private static String label(String text, int row) {
        String problem = Names.problem(text);
        if (problem != null) {
            throw NpyArray.problem("labels", "row " + row + ": a class label " + problem);
        }
        return text;
    }
}
