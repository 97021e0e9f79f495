package io.backprop.model;

import java.util.List;

import io.backprop.preprocessing.Preprocessor;

/** What preparing a model's rows produced and prediction needs: the fitted preprocessing, the classes, the split. */
record Preparation(Preprocessor preprocessor, List<Object> classes, int trainingRows, int validationRows) {
}
