package io.backprop.metrics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.Examples;
import io.backprop.network.Predictor;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;
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

    /**
     * How a trained network fits examples already in its terms (transformed inputs; encoded, scaled targets):
     * classification scores when {@code labels} is given, else regression errors in the targets' own units.
     */
    public static Evaluation of(Predictor predictor, Examples examples, LabelEncoding labels, RowTransform transform) {
        return of(predictor, predictor.predict(examples.features()), examples.targets().toArray(), labels, transform);
    }

    /** The same for outputs the network has already given, row by row against {@code targets}. */
    public static Evaluation of(Predictor predictor, double[][] outputs, double[][] targets, LabelEncoding labels,
            RowTransform transform) {
        double cost = predictor.cost(outputs, targets);
        if (labels != null) {
            return classification(outputs.length, cost, ClassificationReport.of(labels.indexes(targets),
                    labels.indexes(outputs), labels.classes()));
        }
        return regression(outputs.length, cost, RegressionReport.of(transform.outputs(targets),
                transform.outputs(outputs)));
    }

    static Evaluation classification(int rows, double cost, ClassificationReport report) {
        return new Evaluation(rows, cost, report.accuracy(), report.perClass(), report.confusionMatrix(), null, null,
                null);
    }

    static Evaluation regression(int rows, double cost, RegressionReport report) {
        return new Evaluation(rows, cost, null, null, null, report.rmse(), report.mae(), report.r2());
    }
}
