package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;

import io.backprop.network.Activation;

/**
 * A classifier's classes and how they meet its output layer; every label rule lives here. The classes are sorted
 * (numbers by value, text alphabetically) and a class's index is its place in that order. One sigmoid output
 * tells two classes apart by a single 0/1 column, the second class being 1 (an output of at least 0.5); a
 * softmax output has one unit per class, one-hot, and the largest output wins.
 * <p>
 * A model is a classifier when it is trained on labels, on class numbers (a single column of integers under a
 * softmax of several units), or on class indicators (0/1 under one sigmoid unit, one-hot rows under a
 * softmax); anything else is regression, such as the exam scores through a sigmoid.
 */
public record LabelEncoding(List<Object> classes, boolean singleSigmoid) {

    /**
     * Numeric classes are held as {@code Long}, however they were made: read back from a stored model's JSON they
     * are {@code Integer}, which no label (normalised to {@code Long}) would equal.
     */
    public LabelEncoding {
        classes = List.copyOf(classes.stream().map(LabelEncoding::normalise).toList());
    }

    /** The encoding of a model with this output layer, stored as its classes. */
    public static LabelEncoding of(List<Object> classes, Activation output, int units) {
        return new LabelEncoding(classes, output == Activation.SIGMOID && units == 1);
    }

    /**
     * The classes of rows given as {@code labels} or as numeric {@code targets}, for this output layer; null
     * when the rows are not a classification.
     */
    public static LabelEncoding detect(Activation output, int units, List<?> labels, double[][] targets) {
        List<?> given = labels(output, units, labels, targets);
        if (given != null) {
            return of(classes(given), output, units);
        }
        return indicators(output, targets) ? of(LongStream.range(0, units == 1 ? 2 : units).boxed()
                .map(Object.class::cast).toList(), output, units) : null;
    }

    /**
     * The rows' labels: given as labels, or a single column of class numbers under a softmax of several units;
     * null when the targets are used as they are (indicators or regression).
     */
    public static List<?> labels(Activation output, int units, List<?> labels, double[][] targets) {
        if (labels != null) {
            return labels;
        }
        return classNumbers(output, units, targets) ? Arrays.stream(targets).map(row -> (long) row[0]).toList() : null;
    }

    /** Whether the targets are one column meant as class numbers (they must then be integers). */
    public static boolean classNumbers(Activation output, int units, double[][] targets) {
        return output == Activation.SOFTMAX && units > 1 && targets != null && targets[0].length == 1;
    }

    /** How many classes these labels name. */
    public static int count(List<?> labels) {
        return classes(labels).size();
    }

    /**
     * The class's index, or -1: labels are compared by value, and failing that by their text, as predictions show
     * them (so "1" names the class 1, as in the probabilities' keys).
     */
    public int indexOf(Object label) {
        int index = classes.indexOf(normalise(label));
        for (int c = 0; index < 0 && c < classes.size(); c++) {
            index = String.valueOf(classes.get(c)).equals(String.valueOf(label)) ? c : -1;
        }
        return index;
    }

    /**
     * The first row of {@code targets} that is no class probability of this encoding (within [0, 1] for one
     * sigmoid unit; within [0, 1] and summing to 1 for a softmax; 0/1 and one-hot rows being the usual ones), or
     * -1: a classifier measured against other numbers reports a cost that means nothing, negative even.
     */
    public int firstNonProbability(double[][] targets) {
        for (int r = 0; r < targets.length; r++) {
            if (!probability(targets[r])) {
                return r;
            }
        }
        return -1;
    }

    /** What a target row of this encoding must be, for messages. */
    public String probabilityRule() {
        return (singleSigmoid ? "must be within [0, 1], the probability of the second class (0 or 1 for a class)"
                : "must be class probabilities, each within [0, 1] and summing to 1 (one-hot for a class)")
                + ": the model is a classifier of the classes " + classes;
    }

    private boolean probability(double[] row) {
        double sum = 0;
        for (double v : row) {
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
            sum += v;
        }
        return singleSigmoid || Math.abs(sum - 1) <= 1e-6;
    }

    /** Targets for the network: one-hot rows, or one 0/1 column for a single sigmoid. */
    public double[][] encode(List<?> labels) {
        double[][] rows = new double[labels.size()][singleSigmoid ? 1 : classes.size()];
        for (int i = 0; i < rows.length; i++) {
            int index = indexOf(labels.get(i));
            if (index < 0) {
                throw new IllegalArgumentException("row " + i + ": '" + labels.get(i) + "' is not one of the classes "
                        + classes);
            }
            rows[i][singleSigmoid ? 0 : index] = singleSigmoid ? index : 1;
        }
        return rows;
    }

    /** The class index of each row of outputs (or of encoded targets). */
    public int[] indexes(double[][] outputs) {
        int[] indexes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            indexes[i] = singleSigmoid ? (outputs[i][0] >= 0.5 ? 1 : 0) : argmax(outputs[i]);
        }
        return indexes;
    }

    /** The class of each row of outputs. */
    public List<Object> decode(double[][] outputs) {
        return Arrays.stream(indexes(outputs)).mapToObj(classes::get).toList();
    }

    /** Each row's probability per class: the softmax outputs, or 1 − p and p for a single sigmoid. */
    public List<Map<String, Double>> probabilities(double[][] outputs) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (double[] output : outputs) {
            Map<String, Double> byClass = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                byClass.put(String.valueOf(classes.get(c)), singleSigmoid ? (c == 1 ? output[0] : 1 - output[0])
                        : output[c]);
            }
            rows.add(byClass);
        }
        return rows;
    }

    private static boolean indicators(Activation output, double[][] targets) {
        if (targets == null) {
            return false;
        }
        return switch (output) {
            case SIGMOID -> targets[0].length == 1 && zeroOrOne(targets);
            case SOFTMAX -> zeroOrOne(targets) && Arrays.stream(targets)
                    .allMatch(row -> Arrays.stream(row).sum() == 1);
            default -> false;
        };
    }

    private static boolean zeroOrOne(double[][] targets) {
        return Arrays.stream(targets).flatMapToDouble(Arrays::stream)
                .allMatch(v -> v == 0 || v == 1);
    }

    /** The distinct labels in order; integers are held as {@code Long} whatever JSON number type they came as. */
    public static List<Object> classes(List<?> labels) {
        TreeSet<Object> distinct = new TreeSet<>(order(labels));
        labels.forEach(label -> distinct.add(normalise(label)));
        return new ArrayList<>(distinct);
    }

    /** Each label's position in {@code classes}, the classes {@link #classes} made of these labels. */
    public static int[] positions(List<?> labels, List<Object> classes) {
        Comparator<Object> order = order(labels);
        int[] positions = new int[labels.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = Collections.binarySearch(classes, normalise(labels.get(i)), order);
        }
        return positions;
    }

    /** Numbers by value, anything else by its text. */
    private static Comparator<Object> order(List<?> labels) {
        boolean numeric = labels.stream().allMatch(label -> label instanceof Number);
        return numeric ? Comparator.comparingLong(l -> ((Number) l).longValue()) : Comparator.comparing(String::valueOf);
    }

    private static Object normalise(Object label) {
        return label instanceof Number number ? (Object) number.longValue() : label;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
