package io.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.backprop.system.RequestLimits;

/**
 * Reads a CSV file with a header row as it arrives: each row's features go on at once, so the file is never held
 * whole. The named target columns become targets, every other column a numeric feature; a single target column
 * with any non-numeric value is a column of class labels. Problems are reported by line and column, up to
 * {@link #MAX_PROBLEMS} of them; after the first, no more rows go on.
 */
public final class CsvReader {

    static final int MAX_PROBLEMS = 10;
    /** The longest record: 1,000 columns of 17-digit numbers take a fiftieth of it. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private final FileLimits limits;

    CsvReader(FileLimits limits) {
        this.limits = limits;
    }

    /**
     * @param features receives each row of features (the same array, refilled: copy what is kept)
     * @throws CsvFormatException naming each problem's line and column
     */
    public TabularData read(InputStream csv, List<String> targetColumns, Consumer<double[]> features) {
        CsvScanner scanner = new CsvScanner(csv, MAX_RECORD_BYTES);
        try {
            if (!scanner.next()) {
                throw new CsvFormatException(List.of(new CsvProblem(1L, null, null, null,
                        "the file is empty; expected a header row naming the columns")));
            }
            List<String> header = new ArrayList<>();
            for (int j = 0; j < scanner.fields(); j++) {
                header.add(scanner.text(j));
            }
            List<CsvProblem> problems = new ArrayList<>();
            Columns columns = columns(header, targetColumns, problems);
            if (!problems.isEmpty()) {
                throw new CsvFormatException(problems);
            }
            Targets targets = new Targets(columns.targets.length);
            double[] row = new double[columns.features.length];
            int maxRows = limits.maxRows(columns.targets.length);
            while (scanner.next() && problems.size() < MAX_PROBLEMS) {
                if (targets.rows() == maxRows) {
                    problems.add(new CsvProblem(scanner.line(), null, null, null, "the file has more than " + maxRows
                            + " rows (" + limits.rowsSetting(columns.targets.length) + ")"));
                    break;
                }
                if (read(scanner, header, columns, row, targets, problems) && problems.isEmpty()) {
                    features.accept(row);
                }
            }
            if (problems.isEmpty() && targets.rows() == 0) {
                problems.add(new CsvProblem(2L, null, null, null, "the file has a header but no rows"));
            }
            if (!problems.isEmpty()) {
                throw new CsvFormatException(problems);
            }
            return targets.table(header, columns);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which header positions are features and which targets. */
    private record Columns(int[] features, int[] targets) {
    }

    private Columns columns(List<String> header, List<String> targetColumns, List<CsvProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            if (name.isBlank() || !seen.add(name)) {
                problems.add(new CsvProblem(1L, j + 1, name, name, name.isBlank() ? "a column needs a name"
                        : "the column name '" + CsvProblem.shorten(name) + "' appears twice"));
            }
            else if (Names.problem(name) != null) {
                problems.add(new CsvProblem(1L, j + 1, name, name, "the column name " + Names.problem(name)));
            }
        }
        if (header.size() > limits.maxColumns() + targetColumns.size()) {
            problems.add(new CsvProblem(1L, null, null, null, "the file has " + header.size()
                    + " columns; at most " + limits.maxColumns() + " features are allowed ("
                    + RequestLimits.MAX_COLUMNS + ")"));
        }
        if (targetColumns.size() > limits.maxTargets()) {
            problems.add(new CsvProblem(1L, null, null, null, targetColumns.size() + " target columns are named; at "
                    + "most " + limits.maxTargets() + " are allowed (" + RequestLimits.MAX_TARGETS + ")"));
        }
        for (String target : targetColumns) {
            if (!header.contains(target)) {
                problems.add(new CsvProblem(1L, null, target, target, "the target column '"
                        + CsvProblem.shorten(target) + "' is not in the header " + CsvProblem.shorten(header.toString())
                        + separatorHint(header)));
            }
        }
        int[] targets = targetColumns.stream().mapToInt(header::indexOf).toArray();
        int[] features = IntStream.range(0, header.size()).filter(j -> !targetColumns.contains(header.get(j)))
                .toArray();
        if (features.length == 0) {
            problems.add(new CsvProblem(1L, null, null, null, "every column is a target; no features are left"));
        }
        return new Columns(features, targets);
    }

    /**
     * What to say of a header that is one column holding another separator: a file written with a comma as the
     * decimal mark (Excel's in much of Europe) separates its fields by ';', and its header reads as one name.
     */
    private static String separatorHint(List<String> header) {
        if (header.size() != 1) {
            return "";
        }
        String name = header.get(0);
        String separator = name.contains(";") ? ";" : name.contains("\t") ? "a tab" : null;
        return separator == null ? "" : ", a single column: fields are separated by commas, and this file seems "
                + "to separate them by " + (separator.equals(";") ? "';'" : separator) + "; save it as comma-separated "
                + "with '.' as the decimal mark";
    }

    /** Reads one record into {@code row} and the targets; false (with the problem noted) when it is unusable. */
    private static boolean read(CsvScanner scanner, List<String> header, Columns columns, double[] row,
            Targets targets, List<CsvProblem> problems) {
        long line = scanner.line();
        if (scanner.fields() != header.size()) {
            problems.add(new CsvProblem(line, null, null, null, "the row has " + scanner.fields()
                    + " values; the header has " + header.size()));
            return false;
        }
        for (int f = 0; f < row.length; f++) {
            int j = columns.features[f];
            try {
                row[f] = scanner.number(j);
            }
            catch (NumberFormatException e) {
                problems.add(notANumber(scanner, j, header, "is not a finite number"));
                return false;
            }
        }
        return targets.add(scanner, header, columns, problems);
    }

    private static CsvProblem notANumber(CsvScanner scanner, int j, List<String> header, String what) {
        String cell = scanner.text(j);
        return new CsvProblem(scanner.line(), j + 1, header.get(j), cell,
                cell.isEmpty() ? "the value is missing" : "'" + CsvProblem.shorten(cell) + "' " + what);
    }

    /**
     * The target values read so far: numbers, and for a single target column also its text, which becomes the
     * class labels if any value is not a number.
     */
    private static final class Targets {

        private final int columns;
        private double[] numbers = new double[1024];
        private final List<String> texts = new ArrayList<>();
        private long[] lines = new long[1024];
        private boolean allNumbers = true;
        private int rows;

        Targets(int columns) {
            this.columns = columns;
        }

        int rows() {
            return rows;
        }

        boolean add(CsvScanner scanner, List<String> header, Columns table, List<CsvProblem> problems) {
            if ((rows + 1) * columns > numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
            }
            for (int t = 0; t < columns; t++) {
                int j = table.targets[t];
                try {
                    numbers[rows * columns + t] = scanner.number(j);
                }
                catch (NumberFormatException e) {
                    if (columns > 1 || scanner.isEmpty(j)) {
                        problems.add(notANumber(scanner, j, header, columns > 1
                                ? "is not a number; only a single target column may hold class labels"
                                : "is not a finite number"));
                        return false;
                    }
                    allNumbers = false;
                }
            }
            if (columns == 1) {
                texts.add(scanner.text(table.targets[0]));
                lines = rows < lines.length ? lines : Arrays.copyOf(lines, lines.length * 2);
                lines[rows] = scanner.line();
            }
            rows++;
            return true;
        }

        TabularData table(List<String> header, Columns table) {
            List<String> featureNames = Arrays.stream(table.features).mapToObj(header::get).toList();
            List<String> targetNames = Arrays.stream(table.targets).mapToObj(header::get).toList();
            if (allNumbers) {
                double[][] targets = new double[rows][];
                for (int i = 0; i < rows; i++) {
                    targets[i] = Arrays.copyOfRange(numbers, i * columns, (i + 1) * columns);
                }
                return new TabularData(featureNames, targetNames, targets, null);
            }
            int j = table.targets[0];
            for (int i = 0; i < rows; i++) {
                String label = texts.get(i);
                if (Names.problem(label) != null) {
                    throw new CsvFormatException(List.of(new CsvProblem(lines[i], j + 1, header.get(j), label,
                            "a class label " + Names.problem(label))));
                }
            }
            return new TabularData(featureNames, targetNames, null, new ArrayList<>(texts));
        }
    }
}
