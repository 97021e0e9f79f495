package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTests {

    private final CsvReader reader = new CsvReader(new FileLimits(100, 10, 3, 1_000));

    @Test
    void numericTargetsShouldBeSeparatedFromFeatures() {
        TabularData data = read("studied,slept,score\n2,9,92\n1,5,86\n3,6,89\n", "score");

        assertThat(data.featureNames()).containsExactly("studied", "slept");
        assertThat(features.toArray(double[][]::new)).isDeepEqualTo(new double[][] {{2, 9}, {1, 5}, {3, 6}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{92}, {86}, {89}});
        assertThat(data.labels()).isNull();
    }

    @Test
    void aTextTargetColumnShouldBeClassLabels() {
        TabularData data = read("\uFEFFlength,\"species\",width\n1.4,setosa,0.2\n4.7,\"versicolor\",1.4\n", "species");

        assertThat(data.featureNames()).containsExactly("length", "width");
        assertThat(data.labels()).containsExactly("setosa", "versicolor");
        assertThat(data.targets()).isNull();
    }

    @Test
    void badCellsShouldBeNamedByLineAndColumn() {
        CsvFormatException e = failure("a,b,y\n1,2,0\n3,x,1\n4,5\n", "y");

        assertThat(e.problems()).extracting(CsvProblem::describe).containsExactly(
                "line 3, column 2 (b): 'x' is not a finite number", "line 4: the row has 2 values; the header has 3");
    }

    @Test
    void missingValuesAndInfinitiesShouldBeRejected() {
        assertThat(failure("a,y\n,1\n", "y").problems().get(0).describe())
                .isEqualTo("line 2, column 1 (a): the value is missing");
        assertThat(failure("a,y\nInfinity,1\n", "y").problems().get(0).describe())
                .isEqualTo("line 2, column 1 (a): 'Infinity' is not a finite number");
    }

    @Test
    void unknownTargetColumnShouldBeNamed() {
        assertThat(failure("a,score\n1,2\n", "scroe").getMessage())
                .isEqualTo("line 1: the target column 'scroe' is not in the header [a, score]");
    }

    @Test
    void aFileSeparatedBySemicolonsOrTabsShouldBeToldSo() {
        assertThat(failure("a;b;y\n1,5;2;0\n", "y").getMessage())
                .isEqualTo("line 1: the target column 'y' is not in the header [a;b;y], a single column: fields are "
                        + "separated by commas, and this file seems to separate them by ';'; save it as "
                        + "comma-separated with '.' as the decimal mark");
        assertThat(failure("a\tb\ty\n1\t2\t0\n", "y").problems()).extracting(CsvProblem::describe)
                .anyMatch(problem -> problem.contains("this file seems to separate them by a tab;"));
    }

    @Test
    void emptyFilesAndHeadersWithoutRowsShouldBeRejected() {
        assertThat(failure("", "y").getMessage()).startsWith("line 1: the file is empty");
        assertThat(failure("a,y\n", "y").getMessage()).isEqualTo("line 2: the file has a header but no rows");
    }

    @Test
    void duplicateColumnsAndTooManyRowsShouldBeRejected() {
        assertThat(failure("a,a,y\n1,2,3\n", "y").getMessage())
                .isEqualTo("line 1, column 2 (a): the column name 'a' appears twice");
        assertThat(catchThrowableOfType(CsvFormatException.class,
                () -> new CsvReader(new FileLimits(2, 10, 3, 1_000)).read(csv("a,y\n1,1\n2,2\n3,3\n"),
                        List.of("y"), row -> { })).getMessage())
                .isEqualTo("line 4: the file has more than 2 rows (backprop.limits.max-rows)");
    }

    @Test
    void targetValuesPastTheirLimitShouldBoundTheRowsOfAFileWithManyTargets() {
        // five target values in all: one target column may have 4 rows (max-rows), two may have 2
        CsvReader reader = new CsvReader(new FileLimits(4, 10, 3, 5));

        assertThat(reader.read(csv("a,y\n1,1\n2,2\n3,3\n4,4\n"), List.of("y"), row -> { }).targets())
                .hasNumberOfRows(4);
        assertThat(catchThrowableOfType(CsvFormatException.class, () -> reader.read(
                csv("a,y,z\n1,1,1\n2,2,2\n3,3,3\n"), List.of("y", "z"), row -> { })).getMessage()).isEqualTo("line 4: the file has more than 2 rows (with 2 "
                        + "target columns, at most 5 target values: backprop.limits.max-target-values)");
    }

    @Test
    void severalTargetColumnsMustBeNumeric() {
        assertThat(failure("a,y1,y2\n1,2,cat\n", "y1", "y2").getMessage())
                .isEqualTo("line 2, column 3 (y2): 'cat' is not a number; only a single target column may hold class labels");
    }

    @Test
    void brokenQuotingShouldBeNamedByLineWithoutTheLibrarysWords() {
        assertThat(failure("a,y\n1,1\n2,\"open\n3,1\n", "y").getMessage())
                .isEqualTo("line 3: a quoted value is never closed");
        assertThat(failure("a,y\n1,\"x\"y\n", "y").getMessage()).doesNotContain("org.", "Exception");
    }

    /** The feature rows the last read handed on. */
    private final List<double[]> features = new ArrayList<>();

    private TabularData read(String csv, String... targets) {
        return reader.read(csv(csv), List.of(targets), row -> features.add(row.clone()));
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private CsvFormatException failure(String csv, String... targets) {
        return catchThrowableOfType(CsvFormatException.class, () -> read(csv, targets));
    }
}
