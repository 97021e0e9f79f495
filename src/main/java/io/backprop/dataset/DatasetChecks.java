package io.backprop.dataset;

import java.util.HashSet;
import java.util.List;

import io.backprop.system.FieldViolation;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;

/**
 * What makes a data set usable whatever network trains on it: rectangular finite features within the limits,
 * either numeric targets (one row per example) or one class label per example, and distinct column names.
 */
public final class DatasetChecks {

    private DatasetChecks() {
    }

    /** Adds the violations of {@code dataset}, named under {@code path} (e.g. "dataset", or "" at the top). */
    public static void check(String path, DatasetInput dataset, RequestLimits limits,
            List<FieldViolation> violations) {
        check(path, dataset, false, limits, violations);
    }

    /** The same for a data set to store, which may hold features alone (rows to predict). */
    static void checkToStore(DatasetInput dataset, RequestLimits limits, List<FieldViolation> violations) {
        check("", dataset, true, limits, violations);
    }

    private static void check(String path, DatasetInput dataset, boolean featuresAloneAllowed, RequestLimits limits,
            List<FieldViolation> violations) {
        String prefix = path.isEmpty() ? "" : path + ".";
        int columns = MatrixChecks.check(prefix + "features", dataset.features(), -1, limits.maxRows(),
                limits.maxColumns(), violations);
        int rows = dataset.features() == null ? -1 : dataset.features().length;
        int targetColumns = -1;
        if (featuresAloneAllowed && dataset.featuresAlone()) {
            targetColumns = 0;
        }
        else if ((dataset.targets() == null) == (dataset.labels() == null)) {
            violations.add(FieldViolation.of(prefix + "targets",
                    FieldViolation.bothOrNeither(dataset.targets() != null), "give either targets or labels"));
        }
        else if (dataset.targets() != null) {
            if (rows >= 0 && dataset.targets().length != rows) {
                violations.add(FieldViolation.of(prefix + "targets", dataset.targets().length + " rows",
                        "must have one row per features row (" + rows + ")"));
            }
            else {
                targetColumns = MatrixChecks.check(prefix + "targets", dataset.targets(), -1, limits.maxRows(),
                        limits.maxColumns(), violations);
            }
        }
        else {
            checkLabels(prefix + "labels", dataset.labels(), rows, violations);
            targetColumns = 1;
        }
        int before = violations.size();
        checkNames(prefix + "featureNames", dataset.featureNames(), columns, "feature", violations);
        checkNames(prefix + "targetNames", dataset.targetNames(), targetColumns, "target", violations);
        if (columns >= 0 && targetColumns >= 0 && violations.size() == before) {
            checkNamedOnce(prefix, dataset, violations);
        }
    }

    /** A column is a feature or a target, never both: names (given, or x1 … and y by default) must not repeat. */
    private static void checkNamedOnce(String prefix, DatasetInput dataset, List<FieldViolation> violations) {
        List<String> features = dataset.featureNamesOrDefault();
        dataset.targetNamesOrDefault().stream().filter(features::contains).findFirst().ifPresent(name -> {
            boolean targetsNamed = dataset.targetNames() != null;
            violations.add(FieldViolation.of(prefix + (targetsNamed ? "targetNames" : "featureNames"),
                    targetsNamed ? dataset.targetNames() : dataset.featureNames(), "names " + name
                            + " as a feature and as a target" + (targetsNamed ? "" : " (the targets' default name)")));
        });
    }

    /** What to say of a stored data set of features alone, asked to serve as {@code use}. */
    public static String noTargets(String use) {
        return "has no targets (none was named when it was stored, as ?targets=…): it can be predicted, not " + use;
    }

    private static void checkLabels(String field, List<Object> labels, int rows, List<FieldViolation> violations) {
        if (rows >= 0 && labels.size() != rows) {
            violations.add(FieldViolation.of(field, labels.size() + " labels", "must have one label per features row ("
                    + rows + ")"));
            return;
        }
        for (int i = 0; i < labels.size(); i++) {
            Object label = labels.get(i);
            boolean text = label instanceof String s && !s.isBlank();
            boolean integer = label instanceof Integer || label instanceof Long;
            if (!text && !integer) {
                violations.add(FieldViolation.of(field + "[" + i + "]", label, "must be a text or an integer class label"));
                return;
            }
            if (text && Names.problem((String) label) != null) {
                violations.add(FieldViolation.of(field + "[" + i + "]", label, Names.problem((String) label)));
                return;
            }
        }
    }

    private static void checkNames(String field, List<String> names, int columns, String kind,
            List<FieldViolation> violations) {
        if (names == null || columns < 0) {
            return;
        }
        if (names.size() != columns) {
            violations.add(FieldViolation.of(field, names, "must name each of the " + columns + " " + kind + " columns"));
        }
        else if (names.stream().anyMatch(name -> name == null || name.isBlank())
                || new HashSet<>(names).size() != names.size()) {
            violations.add(FieldViolation.of(field, names, "must be distinct and not blank"));
        }
        else {
            for (int i = 0; i < names.size(); i++) {
                checkName(field + "[" + i + "]", names.get(i), violations);
            }
        }
    }

    /** Reports a name (of a model, a data set or a column) that is too long or holds control characters. */
    public static void checkName(String field, String name, List<FieldViolation> violations) {
        report(field, name, name == null ? null : Names.problem(name), violations);
    }

    /** The same for a model's name, which is also its path in the registry (see {@link Names#modelNameProblem}). */
    public static void checkModelName(String field, String name, List<FieldViolation> violations) {
        report(field, name, name == null ? null : Names.modelNameProblem(name), violations);
    }

    private static void report(String field, String name, String problem, List<FieldViolation> violations) {
        if (problem != null) {
            violations.add(FieldViolation.of(field, name, problem));
        }
    }
}
