package io.backprop.model;

import java.util.Locale;

import io.backprop.preprocessing.LabelEncoding;

/** What a model predicts: classes (see {@link LabelEncoding} for when that is) or numbers. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    static Task of(LabelEncoding labels) {
        return labels != null ? CLASSIFICATION : REGRESSION;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
