package io.backprop.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sets a value in a JSON request by a path such as {@code architecture.layers[0].units}: objects on the way are
 * made when missing (training.l2 in a request without a training section), lists must already hold the index.
 */
final class JsonPaths {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d+)])?");

    private JsonPaths() {
    }

    /** Sets {@code value} at {@code path} in {@code root}; returns what stood in the way, or null when set. */
    static String set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        ObjectNode parent = root;
        for (int s = 0; s < segments.length; s++) {
            Matcher segment = SEGMENT.matcher(segments[s]);
            if (!segment.matches()) {
                return "is not a path";
            }
            String name = segment.group(1);
            boolean last = s == segments.length - 1;
            if (segment.group(2) == null) {
                if (last) {
                    parent.set(name, value);
                    return null;
                }
                JsonNode child = parent.get(name);
                if (child == null || child.isNull()) {
                    child = parent.putObject(name);
                }
                if (!child.isObject()) {
                    return "the base request's " + name + " is not an object";
                }
                parent = (ObjectNode) child;
                continue;
            }
            int index = Integer.parseInt(segment.group(2));
            JsonNode list = parent.get(name);
            if (list == null || !list.isArray() || index >= list.size()) {
                return "the base request has no " + name + "[" + index + "]";
            }
            if (last) {
                ((ArrayNode) list).set(index, value);
                return null;
            }
            if (!list.get(index).isObject()) {
                return "the base request's " + name + "[" + index + "] is not an object";
            }
            parent = (ObjectNode) list.get(index);
        }
        return null;
    }
}
