package io.backprop.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a learning curve of any length within {@code maxPoints}: every epoch of a dense head (the first half of
 * the budget, where costs move fastest and the tutorials' first steps live), then every k-th epoch, and always
 * the last one. The stride is fixed from the planned number of epochs, so memory stays bounded. The training
 * thread records while web threads may read.
 */
final class LearningCurveRecorder {

    private final int head;
    private final int stride;
    private final List<CurvePoint> points = new ArrayList<>();
    private int lastEpoch = -1;
    private double lastCost;
    private double lastValidationCost;

    LearningCurveRecorder(int plannedEpochs, int maxPoints) {
        if (plannedEpochs <= maxPoints) {
            this.head = plannedEpochs;
            this.stride = 1;
        }
        else {
            // the tail gets maxPoints − head − 1 strided points, one place is kept for the last epoch
            this.head = (maxPoints - 1) / 2;
            int tailPoints = maxPoints - head - 1;
            this.stride = (plannedEpochs - head + tailPoints - 1) / tailPoints;
        }
    }

    /** Takes up a curve recorded before a checkpoint, as if this recorder had recorded it. */
    synchronized void restore(List<CurvePoint> recorded) {
        points.clear();
        for (CurvePoint point : recorded) {
            record(point.epoch(), point.cost(), point.validationCost() == null ? Double.NaN : point.validationCost());
        }
    }

    /** {@code validationCost} is NaN when no rows are held out. */
    synchronized void record(int epoch, double cost, double validationCost) {
        lastEpoch = epoch;
        lastCost = cost;
        lastValidationCost = validationCost;
        if (epoch < head || (epoch - head) % stride == 0) {
            points.add(point(epoch, cost, validationCost));
        }
    }

    synchronized List<CurvePoint> points() {
        List<CurvePoint> result = new ArrayList<>(points);
        if (lastEpoch >= 0 && (result.isEmpty() || result.get(result.size() - 1).epoch() != lastEpoch)) {
            result.add(point(lastEpoch, lastCost, lastValidationCost));
        }
        return result;
    }

    private static CurvePoint point(int epoch, double cost, double validationCost) {
        return new CurvePoint(epoch, cost, Double.isNaN(validationCost) ? null : validationCost);
    }
}
