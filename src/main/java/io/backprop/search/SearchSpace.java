package io.backprop.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import io.backprop.system.FieldViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The fields a search varies and the values each may take: a list of values, or a numeric range drawn on a
 * linear or log scale (random search only). Turns them into each trial's settings, path → value: for a grid every
 * combination in order (the first path varies slowest), for random search draws from a generator seeded once.
 */
final class SearchSpace {

    static final int MAX_DIMENSIONS = 10;
    static final int MAX_VALUES = 100;
    /** A path into the request's architecture, training or preprocessing: names, with indexes into lists. */
    private static final Pattern PATH = Pattern.compile(
            "(architecture|training|preprocessing)(\\[\\d{1,4}])?(\\.[A-Za-z][A-Za-z0-9]{0,49}(\\[\\d{1,4}])?){1,6}");

    private record Range(double min, double max, boolean log, boolean integers) {

        JsonNode draw(Random random) {
            double u = random.nextDouble();
            double value = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
            return integers ? JsonNodeFactory.instance.numberNode(Math.min((long) max, Math.max((long) min,
                    Math.round(value)))) : JsonNodeFactory.instance.numberNode(value);
        }
    }

    private record Dimension(String path, List<JsonNode> values, Range range) {
    }

    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = dimensions;
    }

    /** Reads the space, noting what is wrong with it in {@code violations} (field names start with "space"). */
    static SearchSpace of(Map<String, JsonNode> space, boolean grid, List<FieldViolation> violations) {
        List<Dimension> dimensions = new ArrayList<>();
        if (space == null || space.isEmpty() || space.size() > MAX_DIMENSIONS) {
            violations.add(FieldViolation.of("space", space == null ? null : space.size() + " paths",
                    "must name between 1 and " + MAX_DIMENSIONS + " paths to vary"));
            return new SearchSpace(dimensions);
        }
        space.forEach((path, values) -> {
            String field = "space." + path;
            if (!PATH.matcher(path).matches()) {
                violations.add(FieldViolation.of(field, path, "must be a path into architecture, training or "
                        + "preprocessing, such as training.learningRate or architecture.layers[0].units"));
            }
            else if (values != null && values.isArray()) {
                if (values.isEmpty() || values.size() > MAX_VALUES) {
                    violations.add(FieldViolation.of(field, values.size() + " values", "must list between 1 and "
                            + MAX_VALUES + " values"));
                }
                dimensions.add(new Dimension(path, values.valueStream().toList(), null));
            }
            else if (values != null && values.isObject()) {
                Range range = range(field, values, violations);
                if (grid) {
                    violations.add(FieldViolation.of(field, "a range", "a grid needs a list of values; ranges are "
                            + "for random search"));
                }
                dimensions.add(new Dimension(path, null, range));
            }
            else {
                violations.add(FieldViolation.of(field, values, "must be a list of values or a range {\"min\", "
                        + "\"max\", \"scale\"}"));
            }
        });
        return new SearchSpace(dimensions);
    }

    private static Range range(String field, JsonNode range, List<FieldViolation> violations) {
        JsonNode min = range.get("min");
        JsonNode max = range.get("max");
        JsonNode scale = range.get("scale");
        boolean log = scale != null && "log".equals(scale.asString(""));
        if (scale != null && !log && !"linear".equals(scale.asString(""))) {
            violations.add(FieldViolation.of(field + ".scale", scale, "must be linear or log"));
        }
        if (range.size() > (scale == null ? 2 : 3)) {
            violations.add(FieldViolation.of(field, range, "a range has only min, max and scale"));
        }
        if (min == null || !min.isNumber() || max == null || !max.isNumber() || !(min.asDouble() <= max.asDouble())
                || !Double.isFinite(min.asDouble()) || !Double.isFinite(max.asDouble())) {
            violations.add(FieldViolation.of(field, range, "needs numbers min ≤ max"));
            return new Range(0, 0, false, false);
        }
        if (log && !(min.asDouble() > 0)) {
            violations.add(FieldViolation.of(field + ".min", min, "must be above 0 on a log scale"));
        }
        return new Range(min.asDouble(), max.asDouble(), log, min.isIntegralNumber() && max.isIntegralNumber());
    }

    /** Every combination of the lists, counted up to Integer.MAX_VALUE (ten lists of 100 would overflow a long). */
    long gridSize() {
        long size = 1;
        for (Dimension dimension : dimensions) {
            size = Math.min(Integer.MAX_VALUE, size * (dimension.values == null ? 1 : Math.max(1,
                    dimension.values.size())));
        }
        return size;
    }

    /** The first {@code trials} points of the grid, in order. */
    List<Map<String, JsonNode>> grid(int trials) {
        List<Map<String, JsonNode>> settings = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Map<String, JsonNode> setting = new LinkedHashMap<>();
            int rest = trial;
            // the last path varies fastest
            for (int d = dimensions.size() - 1; d >= 0; d--) {
                List<JsonNode> values = dimensions.get(d).values;
                setting.put(dimensions.get(d).path, values.get(rest % values.size()));
                rest /= values.size();
            }
            settings.add(reversed(setting));
        }
        return settings;
    }

    /** {@code trials} settings drawn at random: a list's values uniformly, a range on its scale. */
    List<Map<String, JsonNode>> random(int trials, long seed) {
        Random random = new Random(seed);
        List<Map<String, JsonNode>> settings = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Map<String, JsonNode> setting = new LinkedHashMap<>();
            for (Dimension dimension : dimensions) {
                setting.put(dimension.path, dimension.values != null
                        ? dimension.values.get(random.nextInt(dimension.values.size())) : dimension.range.draw(random));
            }
            settings.add(setting);
        }
        return settings;
    }

    private static Map<String, JsonNode> reversed(Map<String, JsonNode> setting) {
        List<String> paths = new ArrayList<>(setting.keySet());
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        for (int i = paths.size() - 1; i >= 0; i--) {
            ordered.put(paths.get(i), setting.get(paths.get(i)));
        }
        return ordered;
    }
}
