package io.backprop.registry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.backprop.model.ModelVersions;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two versions of a name side by side: only the spec fields that differ (by their JSON path, e.g.
 * {@code training.learningRate}, {@code architecture.layers[0].units}), whether they were trained on the same
 * rows, and the change of every metric.
 */
@Schema(description = "What changed from one version to another")
record VersionComparison(String name, int from, int to,
        @Schema(description = "Spec fields (defaults filled in, seed included) whose values differ")
        List<FieldChange> spec,
        @Schema(description = "The SHA-256 of each version's training rows") DataChange data,
        @Schema(description = "Each metric of either version, with to − from") List<MetricChange> metrics) {

    record FieldChange(String field, @Schema(description = "Any JSON value; null when absent") Object from,
            @Schema(description = "Any JSON value; null when absent") Object to) {
    }

    record DataChange(String from, String to, boolean same) {
    }

    record MetricChange(String metric, Double from, Double to, Double delta) {
    }

    static VersionComparison of(String name, ModelVersions.Version from, ModelVersions.Version to, JsonMapper json) {
        Map<String, JsonNode> fromSpec = leaves(json.valueToTree(from.spec()), true);
        Map<String, JsonNode> toSpec = leaves(json.valueToTree(to.spec()), true);
        List<FieldChange> spec = new ArrayList<>();
        for (String field : union(fromSpec, toSpec)) {
            if (!Objects.equals(fromSpec.get(field), toSpec.get(field))) {
                spec.add(new FieldChange(field, plain(fromSpec.get(field), json), plain(toSpec.get(field), json)));
            }
        }
        Map<String, JsonNode> fromMetrics = leaves(json.valueToTree(from.metrics()), false);
        Map<String, JsonNode> toMetrics = leaves(json.valueToTree(to.metrics()), false);
        List<MetricChange> metrics = new ArrayList<>();
        for (String metric : union(fromMetrics, toMetrics)) {
            Double before = number(fromMetrics.get(metric));
            Double after = number(toMetrics.get(metric));
            if (before != null || after != null) {
                metrics.add(new MetricChange(metric, before, after,
                        before != null && after != null ? after - before : null));
            }
        }
        return new VersionComparison(name, from.version(), to.version(), spec,
                new DataChange(from.dataSha256(), to.dataSha256(), Objects.equals(from.dataSha256(), to.dataSha256())),
                metrics);
    }

    private static TreeSet<String> union(Map<String, JsonNode> a, Map<String, JsonNode> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Object plain(JsonNode node, JsonMapper json) {
        return node == null ? null : json.treeToValue(node, Object.class);
    }

    private static Double number(JsonNode node) {
        return node != null && node.isNumber() ? node.doubleValue() : null;
    }

    /** Every scalar by its path; into arrays too when {@code arrays} (metrics' arrays, the confusion matrices, not). */
    private static Map<String, JsonNode> leaves(JsonNode node, boolean arrays) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect(node, "", arrays, leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String path, boolean arrays, Map<String, JsonNode> leaves) {
        if (node == null || node.isNull() && path.isEmpty()) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(entry -> collect(entry.getValue(),
                    path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), arrays, leaves));
        }
        else if (node.isArray()) {
            if (arrays) {
                Iterator<JsonNode> elements = node.values().iterator();
                for (int i = 0; elements.hasNext(); i++) {
                    collect(elements.next(), path + "[" + i + "]", true, leaves);
                }
            }
        }
        else {
            leaves.put(path, node);
        }
    }
}
