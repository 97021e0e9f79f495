package io.backprop.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;

/**
 * How to read and store an uploaded file: whether it came gzip-compressed, its target columns, and whether to
 * round its values to float32.
 */
record UploadOptions(boolean gzipped, List<String> targets, boolean float32) {

    /**
     * {@code targets}: column names, comma-separated.
     *
     * @throws InvalidRequestException for a Content-Encoding other than gzip, a precision other than float32 or
     *     float64, or a target column named twice
     */
    static UploadOptions of(String encoding, String targets, String precision) {
        List<FieldViolation> violations = new ArrayList<>();
        String coding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        if (!coding.equals("identity") && !coding.equals("gzip")) {
            violations.add(FieldViolation.of("Content-Encoding", encoding, "must be gzip, or absent"));
        }
        if (precision != null && !precision.equals("float32") && !precision.equals("float64")) {
            violations.add(FieldViolation.of("precision", precision, "must be float32 or float64"));
        }
        List<String> columns = Arrays.stream(targets.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .toList();
        Set<String> named = new HashSet<>();
        columns.stream().filter(name -> !named.add(name)).findFirst().ifPresent(name ->
                violations.add(FieldViolation.of("targets", targets, "names the column " + name + " twice")));
        InvalidRequestException.throwIfAny(violations);
        return new UploadOptions(coding.equals("gzip"), columns, "float32".equals(precision));
    }
}
