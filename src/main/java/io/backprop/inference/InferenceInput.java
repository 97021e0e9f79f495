package io.backprop.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.backprop.system.FieldViolation;
import io.backprop.web.Problems;
import tools.jackson.databind.JsonNode;

/**
 * An inference request of the Open Inference Protocol, read and checked: one input tensor of shape [rows,
 * features] in a numeric datatype, its data flat (row-major) or nested as the shape says; the optional
 * {@code id} and the outputs asked for. Every mistake is a 400 saying what was expected.
 *
 * @param rows the features, row by row, as the datatype holds them (FP32 values rounded to float)
 * @param datatype the input's datatype; the outputs come back in FP32 for FP32 inputs, else FP64
 * @param id the request's id, to echo; null when it gave none
 * @param outputs the outputs asked for; null for all
 */
record InferenceInput(double[][] rows, String datatype, String id, List<String> outputs) {

    /** The smallest and largest value of each integer datatype (UINT64 and INT64 as far as a double tells). */
    private static final Map<String, double[]> INTEGER_RANGES = Map.of(
            "INT8", new double[] {-128, 127}, "INT16", new double[] {-32768, 32767},
            "INT32", new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            "INT64", new double[] {-0x1p63, 0x1p63}, "UINT8", new double[] {0, 255},
            "UINT16", new double[] {0, 65535}, "UINT32", new double[] {0, 4294967295.0},
            "UINT64", new double[] {0, 0x1p64});
    private static final Set<String> FLOATS = Set.of("FP32", "FP64");

    static InferenceInput read(JsonNode body, int features, Set<String> outputNames, int maxRows) {
        if (body == null || !body.isObject()) {
            throw invalid("The body must be an inference request object with \"inputs\".");
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw invalid("\"inputs\" must be an array with one input tensor.");
        }
        if (inputs.size() != 1) {
            throw invalid("This model takes one input tensor of shape [-1, " + features + "]; got " + inputs.size()
                    + ".");
        }
        JsonNode input = inputs.get(0);
        String name = text(input, "name", "inputs[0].name");
        String datatype = text(input, "datatype", "input " + name + ": datatype");
        if (!FLOATS.contains(datatype) && !INTEGER_RANGES.containsKey(datatype)) {
            throw invalid("Input " + name + ": datatype " + FieldViolation.describe(datatype) + " is not supported "
                    + "for features; use FP32, FP64 or an integer type (INT8 … INT64, UINT8 … UINT64).");
        }
        int[] shape = shape(input, name);
        if (shape.length != 2 || shape[1] != features) {
            throw invalid("Input " + name + ": shape " + Arrays.toString(shape) + " does not fit this "
                    + "model, which takes [rows, " + features + "] (" + features + " features per row).");
        }
        if (shape[0] > maxRows) {
            throw invalid("Input " + name + ": " + shape[0] + " rows; one request may hold " + maxRows + ".");
        }
        double[] values = values(input.get("data"), shape, name, datatype);
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(values, i * features, (i + 1) * features);
        }
        return new InferenceInput(rows, datatype, id(body), outputs(body, outputNames));
    }

    private static int[] shape(JsonNode input, String name) {
        JsonNode shape = input.get("shape");
        if (shape == null || !shape.isArray()) {
            throw invalid("Input " + name + ": \"shape\" must be an array of sizes.");
        }
        int[] sizes = new int[shape.size()];
        for (int d = 0; d < sizes.length; d++) {
            JsonNode size = shape.get(d);
            if (!size.isIntegralNumber() || size.asLong() < 0 || size.asLong() > Integer.MAX_VALUE) {
                throw invalid("Input " + name + ": shape[" + d + "] must be a size (a whole number from 0 to "
                        + Integer.MAX_VALUE + "); got " + FieldViolation.describe(size) + ".");
            }
            sizes[d] = size.asInt();
        }
        return sizes;
    }

    /** The data, flat or nested as the shape says, each value checked against the datatype. */
    private static double[] values(JsonNode data, int[] shape, String name, String datatype) {
        if (data == null || !data.isArray()) {
            throw invalid("Input " + name + ": \"data\" must be an array, flat or nested as the shape.");
        }
        long expected = (long) shape[0] * shape[1];
        List<JsonNode> leaves = new ArrayList<>();
        boolean flat = data.valueStream().noneMatch(JsonNode::isArray);
        if (flat) {
            if (data.size() != expected) {
                throw invalid("Input " + name + ": " + data.size() + " values in data, but shape "
                        + Arrays.toString(shape) + " holds " + expected + ".");
            }
            data.forEach(leaves::add);
        }
        else {
            nested(data, shape, 0, name, leaves);
        }
        double[] values = new double[leaves.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(leaves.get(i), name, datatype, i);
        }
        return values;
    }

    private static void nested(JsonNode node, int[] shape, int dimension, String name, List<JsonNode> leaves) {
        if (dimension == shape.length) {
            leaves.add(node);
            return;
        }
        if (!node.isArray() || node.size() != shape[dimension]) {
            throw invalid("Input " + name + ": nested data must follow shape " + Arrays.toString(shape)
                    + "; dimension " + dimension + " has " + (node.isArray() ? node.size() + " elements" : "a value")
                    + " where " + shape[dimension] + " are due.");
        }
        node.forEach(element -> nested(element, shape, dimension + 1, name, leaves));
    }

    private static double value(JsonNode node, String name, String datatype, int index) {
        if (!node.isNumber()) {
            throw invalid("Input " + name + ": data[" + index + "] is " + FieldViolation.describe(node) + ", not a "
                    + "number (" + datatype + ").");
        }
        double value = node.doubleValue();
        double[] range = INTEGER_RANGES.get(datatype);
        if (range != null && (value != Math.rint(value) || value < range[0] || value > range[1])) {
            throw invalid("Input " + name + ": data[" + index + "] = " + FieldViolation.describe(node) + " is not "
                    + "an " + datatype + ".");
        }
        return datatype.equals("FP32") ? (float) value : value;
    }

    private static String id(JsonNode body) {
        JsonNode id = body.get("id");
        if (id != null && !id.isString()) {
            throw invalid("\"id\" must be a string.");
        }
        return id == null ? null : id.asString();
    }

    private static List<String> outputs(JsonNode body, Set<String> known) {
        JsonNode outputs = body.get("outputs");
        if (outputs == null) {
            return null;
        }
        if (!outputs.isArray()) {
            throw invalid("\"outputs\" must be an array of {\"name\": …}.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode output : outputs) {
            String name = text(output, "name", "outputs[].name");
            if (!known.contains(name)) {
                throw invalid("Unknown output " + FieldViolation.describe(name) + "; this model gives "
                        + String.join(", ", known) + ".");
            }
            names.add(name);
        }
        return names;
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw invalid(what + " must be a non-empty string.");
        }
        return value.asString();
    }

    static ErrorResponseException invalid(String message) {
        return Problems.exception(HttpStatus.BAD_REQUEST, "invalid-inference-request", "Invalid inference request",
                message);
    }
}
