package io.backprop.dataset;

import java.util.List;

/** A CSV file that cannot become a data set, with every problem found (up to a bound). */
public class CsvFormatException extends RuntimeException {

    private final List<CsvProblem> problems;

    public CsvFormatException(List<CsvProblem> problems) {
        super(problems.get(0).describe());
        this.problems = List.copyOf(problems);
    }

    public List<CsvProblem> problems() {
        return problems;
    }
}
