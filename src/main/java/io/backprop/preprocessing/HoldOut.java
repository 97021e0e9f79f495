package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.backprop.network.Bound;

/**
 * Splits rows into training and validation rows: a seeded, reproducible random fraction is held out, and for
 * classifiers the same fraction of every class (stratified), so that small classes are represented on both
 * sides. Both index lists come back in ascending order.
 */
public record HoldOut(int[] training, int[] validation) {

    /** The share of the rows that may be held out. */
    public static final Bound FRACTION = Bound.FRACTION;

    /**
     * @param rows how many rows there are
     * @param fraction the share to hold out, 0 ≤ fraction &lt; 1; a positive fraction holds out at least one row
     *        and keeps at least one for training
     * @param classes the class of each row for a stratified split, or null
     */
    public static HoldOut split(int rows, double fraction, long seed, int[] classes) {
        if (fraction <= 0 || rows < 2) {
            return new HoldOut(Rows.all(rows), new int[0]);
        }
        int wanted = (int) Math.min(rows - 1, Math.max(1, Math.round(fraction * rows)));
        Random random = new Random(seed);
        List<Integer> held = new ArrayList<>();
        List<List<Integer>> groups = groups(rows, classes);
        List<Integer> leftovers = new ArrayList<>();
        for (List<Integer> group : groups) {
            shuffle(group, random);
            int take = (int) Math.floor(fraction * group.size());
            held.addAll(group.subList(0, take));
            leftovers.addAll(group.subList(take, group.size()));
        }
        // rounding down per class leaves a few to draw from what remains, at random
        shuffle(leftovers, random);
        held.addAll(leftovers.subList(0, Math.max(0, wanted - held.size())));
        boolean[] isHeld = new boolean[rows];
        held.forEach(row -> isHeld[row] = true);
        return new HoldOut(indexes(isHeld, false), indexes(isHeld, true));
    }

    static List<List<Integer>> groups(int rows, int[] classes) {
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int row = 0; row < rows; row++) {
            byClass.computeIfAbsent(classes == null ? 0 : classes[row], c -> new ArrayList<>()).add(row);
        }
        return new ArrayList<>(byClass.values());
    }

    static void shuffle(List<Integer> rows, Random random) {
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, swap);
        }
    }

    static int[] indexes(boolean[] isHeld, boolean held) {
        return java.util.stream.IntStream.range(0, isHeld.length).filter(row -> isHeld[row] == held).toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HoldOut that && Arrays.equals(training, that.training)
                && Arrays.equals(validation, that.validation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(training) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "HoldOut[training=" + Arrays.toString(training) + ", validation=" + Arrays.toString(validation) + "]";
    }
}
