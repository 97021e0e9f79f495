package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The classes of a label column (strings or integers), in sorted order: numbers by value, text
 * alphabetically. A label's class index is its position here; with two classes for one sigmoid output, the
 * second class is 1.
 */
public record ClassLabels(List<Object> classes) {

    public ClassLabels {
        classes = List.copyOf(classes);
    }

    /** The sorted distinct labels; integers are held as {@code Long} whatever JSON number type they came as. */
    public static ClassLabels of(List<?> labels) {
        boolean numeric = labels.stream().allMatch(label -> label instanceof Number);
        TreeSet<Object> distinct = new TreeSet<>(numeric ? Comparator.comparingLong(l -> ((Number) l).longValue())
                : Comparator.comparing(String::valueOf));
        labels.forEach(label -> distinct.add(normalise(label)));
        return new ClassLabels(new ArrayList<>(distinct));
    }

    public int size() {
        return classes.size();
    }

    public int indexOf(Object label) {
        return classes.indexOf(normalise(label));
    }

    public int[] indexes(List<?> labels) {
        return labels.stream().mapToInt(this::indexOf).toArray();
    }

    /** One-hot rows (k columns), or for {@code singleColumn} a 0/1 column for two classes. */
    public double[][] encode(List<?> labels, boolean singleColumn) {
        double[][] rows = new double[labels.size()][singleColumn ? 1 : classes.size()];
        for (int i = 0; i < rows.length; i++) {
            int index = indexOf(labels.get(i));
            if (index < 0) {
                throw new IllegalArgumentException("row " + i + ": '" + labels.get(i) + "' is not one of the classes "
                        + classes);
            }
            rows[i][singleColumn ? 0 : index] = singleColumn ? index : 1;
        }
        return rows;
    }

    private static Object normalise(Object label) {
        return label instanceof Number number ? (Object) number.longValue() : label;
    }
}
