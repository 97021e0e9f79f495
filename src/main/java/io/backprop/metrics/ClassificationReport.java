package io.backprop.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well predicted classes match actual ones: accuracy, precision, recall and F1 per class, and the
 * confusion matrix (rows: actual class, columns: predicted class, both in the order of {@code classes}).
 */
public record ClassificationReport(double accuracy, List<ClassScore> perClass, ConfusionMatrix confusionMatrix) {

    /** One class's scores; a class never predicted (or never present) scores 0 where the ratio is undefined. */
    public record ClassScore(Object label, double precision, double recall, double f1, int support) {
    }

    public record ConfusionMatrix(List<Object> classes, int[][] counts) {
    }

    public static ClassificationReport of(int[] actual, int[] predicted, List<Object> classes) {
        int k = classes.size();
        int[][] counts = new int[k][k];
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
            right += actual[i] == predicted[i] ? 1 : 0;
        }
        List<ClassScore> scores = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int truePositives = counts[c][c];
            int support = 0;
            int predictedAsC = 0;
            for (int other = 0; other < k; other++) {
                support += counts[c][other];
                predictedAsC += counts[other][c];
            }
            double precision = ratio(truePositives, predictedAsC);
            double recall = ratio(truePositives, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScore(classes.get(c), precision, recall, f1, support));
        }
        return new ClassificationReport(ratio(right, actual.length), scores, new ConfusionMatrix(classes, counts));
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
