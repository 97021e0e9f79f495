package io.backprop.dataset;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row into {@link TabularData}. The named target columns become targets, every
 * other column a numeric feature. A single target column with any non-numeric value is a column of class
 * labels. Problems are reported by line and column, up to {@link #MAX_PROBLEMS} of them.
 */
public final class CsvReader {

    static final int MAX_PROBLEMS = 10;

    private final int maxRows;
    private final int maxColumns;

    public CsvReader(int maxRows, int maxColumns) {
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    public TabularData read(Reader reader, List<String> targetColumns) {
        List<CsvProblem> problems = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new CsvFormatException(List.of(new CsvProblem(1L, null, null, null,
                        "the file is empty; expected a header row naming the columns")));
            }
            List<String> header = new ArrayList<>(records.next().toList());
            header.set(0, header.get(0).replace("\uFEFF", ""));
            Columns columns = columns(header, targetColumns, problems);
            if (!problems.isEmpty()) {
                throw new CsvFormatException(problems);
            }
            List<double[]> features = new ArrayList<>();
            List<String[]> targets = new ArrayList<>();
            while (records.hasNext() && problems.size() < MAX_PROBLEMS) {
                CSVRecord record = records.next();
                if (features.size() == maxRows) {
                    problems.add(new CsvProblem(record.getRecordNumber(), null, null, null,
                            "the file has more than " + maxRows + " rows"));
                    break;
                }
                read(record, header, columns, features, targets, problems);
            }
            if (problems.isEmpty() && features.isEmpty()) {
                problems.add(new CsvProblem(2L, null, null, null, "the file has a header but no rows"));
            }
            if (!problems.isEmpty()) {
                throw new CsvFormatException(problems);
            }
            return data(header, columns, features, targets);
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (e.getCause() instanceof StrictUtf8Reader.MalformedLineException malformed) {
                throw new CsvFormatException(List.of(new CsvProblem(malformed.line(), null, null, null,
                        "the line is not valid UTF-8; save the file as UTF-8")));
            }
            throw new CsvFormatException(List.of(syntaxProblem(e)));
        }
    }

    /**
     * Commons CSV reports a broken file as "(startline 3) EOF reached before encapsulated token finished": said
     * here with its line and without the library's names.
     */
    private static CsvProblem syntaxProblem(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("\\(line (\\d+)\\)|startline (\\d+)")
                .matcher(message);
        Long number = line.find() ? Long.valueOf(line.group(1) != null ? line.group(1) : line.group(2)) : null;
        String what = message.contains("encapsulated token") ? "a quoted value is never closed"
                : message.contains("invalid char between encapsulated token and delimiter")
                        ? "a quoted value is followed by more text before the next comma"
                        : "the file is not valid CSV";
        return new CsvProblem(number, null, null, null, what);
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
        if (header.size() > maxColumns + targetColumns.size()) {
            problems.add(new CsvProblem(1L, null, null, null, "the file has " + header.size()
                    + " columns; at most " + maxColumns + " features are allowed"));
        }
        if (targetColumns.isEmpty()) {
            problems.add(new CsvProblem(1L, null, null, null, "no target column named; say which, e.g. ?targets="
                    + header.get(header.size() - 1)));
        }
        for (String target : targetColumns) {
            if (!header.contains(target)) {
                problems.add(new CsvProblem(1L, null, target, target, "the target column '"
                        + CsvProblem.shorten(target) + "' is not in the header " + CsvProblem.shorten(header.toString())));
            }
        }
        int[] targets = targetColumns.stream().mapToInt(header::indexOf).toArray();
        int[] features = java.util.stream.IntStream.range(0, header.size())
                .filter(j -> !targetColumns.contains(header.get(j))).toArray();
        if (features.length == 0) {
            problems.add(new CsvProblem(1L, null, null, null, "every column is a target; no features are left"));
        }
        return new Columns(features, targets);
    }

    private void read(CSVRecord record, List<String> header, Columns columns, List<double[]> features,
            List<String[]> targets, List<CsvProblem> problems) {
        long line = record.getRecordNumber();
        if (record.size() != header.size()) {
            problems.add(new CsvProblem(line, null, null, null, "the row has " + record.size() + " values; the header has "
                    + header.size()));
            return;
        }
        double[] row = new double[columns.features.length];
        for (int f = 0; f < row.length; f++) {
            int j = columns.features[f];
            String cell = record.get(j);
            try {
                row[f] = Double.parseDouble(cell);
                if (!Double.isFinite(row[f])) {
                    throw new NumberFormatException();
                }
            }
            catch (NumberFormatException e) {
                problems.add(new CsvProblem(line, j + 1, header.get(j), cell,
                        cell.isEmpty() ? "the value is missing"
                                : "'" + CsvProblem.shorten(cell) + "' is not a finite number"));
                return;
            }
        }
        String[] target = new String[columns.targets.length];
        for (int t = 0; t < target.length; t++) {
            target[t] = record.get(columns.targets[t]);
        }
        features.add(row);
        targets.add(target);
    }

    private static TabularData data(List<String> header, Columns columns, List<double[]> features,
            List<String[]> targets) {
        List<String> featureNames = java.util.Arrays.stream(columns.features).mapToObj(header::get).toList();
        List<String> targetNames = java.util.Arrays.stream(columns.targets).mapToObj(header::get).toList();
        double[][] x = features.toArray(double[][]::new);
        double[][] numeric = numeric(targets, header, columns);
        if (numeric != null) {
            return new TabularData(featureNames, x, targetNames, numeric, null);
        }
        List<Object> labels = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String label = targets.get(i)[0];
            if (Names.problem(label) != null) {
                int j = columns.targets[0];
                throw new CsvFormatException(List.of(new CsvProblem(i + 2L, j + 1, header.get(j), label,
                        "a class label " + Names.problem(label))));
            }
            labels.add(label);
        }
        return new TabularData(featureNames, x, targetNames, null, labels);
    }

    /** The targets as numbers; null for a single column with text in it (class labels). */
    private static double[][] numeric(List<String[]> targets, List<String> header, Columns columns) {
        double[][] y = new double[targets.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = new double[targets.get(i).length];
            for (int t = 0; t < y[i].length; t++) {
                String cell = targets.get(i)[t];
                try {
                    y[i][t] = Double.parseDouble(cell);
                    if (!Double.isFinite(y[i][t])) {
                        throw new NumberFormatException();
                    }
                }
                catch (NumberFormatException e) {
                    if (columns.targets.length == 1) {
                        return null;
                    }
                    int j = columns.targets[t];
                    throw new CsvFormatException(List.of(new CsvProblem(i + 2L, j + 1, header.get(j), cell,
                            "'" + CsvProblem.shorten(cell) + "' is not a number; only a single target column may hold class labels")));
                }
            }
        }
        return y;
    }
}
