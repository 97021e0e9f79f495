package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * k-fold cross-validation's folds: every row is validated on exactly once. For classifiers each class's rows are
 * dealt round the folds in a seeded random order (stratified: every fold holds each class's share, give or take
 * one row), the deal going on where the previous class's ended so that fold sizes differ by at most one.
 */
public final class Folds {

    public static final int MIN = 2;
    public static final int MAX = 20;

    private Folds() {
    }

    /**
     * @param rows how many rows there are, at least {@code k}
     * @param classes the class of each row for stratified folds, or null
     * @return one split per fold: the fold as validation rows, the others as training rows
     */
    public static List<HoldOut> split(int rows, int k, long seed, int[] classes) {
        if (k < MIN || k > rows) {
            throw new IllegalArgumentException("folds must be between " + MIN + " and the rows (" + rows + "), got "
                    + k);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[rows];
        int next = 0;
        for (List<Integer> group : HoldOut.groups(rows, classes)) {
            HoldOut.shuffle(group, random);
            for (int row : group) {
                foldOf[row] = next;
                next = (next + 1) % k;
            }
        }
        List<HoldOut> folds = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            boolean[] inFold = new boolean[rows];
            for (int row = 0; row < rows; row++) {
                inFold[row] = foldOf[row] == fold;
            }
            folds.add(new HoldOut(HoldOut.indexes(inFold, false), HoldOut.indexes(inFold, true)));
        }
        return folds;
    }
}
