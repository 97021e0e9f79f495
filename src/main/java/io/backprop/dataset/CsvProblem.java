package io.backprop.dataset;

/** What is wrong where in a CSV file: 1-based line (the header is line 1) and column, when they apply. */
public record CsvProblem(Long line, Integer column, String columnName, String value, String message) {

    private static final int MAX_QUOTED = 80;

    public CsvProblem {
        columnName = shorten(columnName);
        value = shorten(value);
    }

    /** A cell or a name as a problem quotes it: a long one is cut, so a report never grows with the file. */
    static String shorten(String text) {
        return text == null || text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }

    /** "line 5, column 2 (sleep): 'abc' is not a number" */
    public String describe() {
        StringBuilder where = new StringBuilder();
        if (line != null) {
            where.append("line ").append(line);
        }
        if (column != null) {
            where.append(where.isEmpty() ? "" : ", ").append("column ").append(column);
            if (columnName != null) {
                where.append(" (").append(columnName).append(')');
            }
        }
        return (where.isEmpty() ? "" : where + ": ") + message;
    }
}
