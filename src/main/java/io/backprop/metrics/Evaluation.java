package io.backprop.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How well a model fits a set of examples: its cost (the loss it was trained on), and for classifiers the
 * accuracy, per-class precision, recall and F1 and the confusion matrix, for regression RMSE, MAE and R² in
 * the targets' own units.
 */
@Schema(description = "The fit on a set of rows: cost; for classifiers accuracy, per-class scores and the confusion "
        + "matrix (rows: actual class, columns: predicted); for regression rmse, mae and r2 in the targets' units")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(int rows, double cost, Double accuracy, List<ClassificationReport.ClassScore> perClass,
        ClassificationReport.ConfusionMatrix confusionMatrix, Double rmse, Double mae, Double r2) {

    public static Evaluation classification(int rows, double cost, ClassificationReport report) {
        return new Evaluation(rows, cost, report.accuracy(), report.perClass(), report.confusionMatrix(), null, null,
                null);
    }

    public static Evaluation regression(int rows, double cost, RegressionReport report) {
        return new Evaluation(rows, cost, null, null, null, report.rmse(), report.mae(), report.r2());
    }
}
