package io.backprop.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests a hostile or careless client sends, made from valid ones: one value replaced by something it should
 * never get away with, a field removed or added, the body cut short, corrupted or replaced, the Content-Type
 * wrong. Seeded by jqwik, so a failure names the seed that repeats it.
 */
public final class HostileRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLACEHOLDER = "@@hostile@@";

    /** JSON text of values no field should accept silently, or at all. */
    static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1", "2.7", "-0.0", "1e400",
            "-1e400", "1e-400", "9223372036854775808", "2147483648", "-2147483649", "1000001", "4097", "\"NaN\"",
            "\"Infinity\"", "\"\"", "\"" + "x".repeat(10_000) + "\"", "\"\\u0000\"", "\"a\\nb\"", "\"\\ud800\"",
            "\"sigmoid\\u0000\"", "\"sigmoid \"", "\"SIGMOID\"", "\"" + "n".repeat(201) + "\"", "[]", "{}", "[[]]",
            "[null]", "[".repeat(300) + "]".repeat(300), "{\"a\": 1}", "[" + "0,".repeat(20_000) + "0]",
            "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"' OR '1'='1\"", "\"é中😀\"",
            "\"6e711863-a172-4d1b-9c24-f024afcba5ee\"");

    /** Text for a CSV cell, a query parameter or a path segment. */
    static final List<String> TEXTS = List.of("", " ", "NaN", "Infinity", "1e400", "-0", "2.7", "x".repeat(10_000),
            "\u0000", "a\nb", "\"unbalanced", "a,b", "é中😀", "%00", "%zz", "../..", "null", "-1", "0", "2147483648",
            "n".repeat(201), "<script>", "' OR '1'='1", "sigmoid\u0000");

    private static final Arbitrary<String> CONTENT_TYPES = Arbitraries.frequency(
            Tuple.of(85, "application/json"), Tuple.of(3, "text/plain"),
            Tuple.of(3, "application/x-www-form-urlencoded"), Tuple.of(3, "multipart/form-data"),
            Tuple.of(2, "application/json; charset=ISO-8859-1"), Tuple.of(2, "application/json;;;x"),
            Tuple.of(1, "garbage"), Tuple.of(1, ""));

    private HostileRequests() {
    }

    /** A body as sent: its bytes and its Content-Type (empty: none), described for failure reports. */
    public record Body(byte[] bytes, String contentType, String description) {

        @Override
        public String toString() {
            return description + " as " + (contentType.isEmpty() ? "no Content-Type" : contentType);
        }
    }

    enum Edit {
        REPLACE, REMOVE, ADD
    }

    enum Corruption {
        TRUNCATE, INVALID_UTF8, RANDOM_BYTES, EMPTY
    }

    /** Mutations of valid JSON bodies: mostly one value edited, sometimes the bytes corrupted. */
    public static Arbitrary<Body> json(List<String> validBodies) {
        Arbitrary<Body> edited = Combinators.combine(Arbitraries.of(validBodies), Arbitraries.integers().between(0,
                100_000), Arbitraries.of(Edit.class), Arbitraries.of(VALUES), CONTENT_TYPES)
                .as((body, slot, edit, value, type) -> {
                    String text = edit(body, slot, edit, value);
                    return new Body(text.getBytes(StandardCharsets.UTF_8), type, abbreviate(text));
                });
        return Arbitraries.frequencyOf(Tuple.of(8, edited), Tuple.of(2, corrupted(validBodies, CONTENT_TYPES)));
    }

    /** Mutations of valid CSV files: a cell replaced, a cell added, the bytes corrupted, as CSV or otherwise. */
    public static Arbitrary<Body> csv(List<String> validFiles) {
        Arbitrary<String> types = Arbitraries.frequency(Tuple.of(90, "text/csv"), Tuple.of(5, "text/plain"),
                Tuple.of(5, "application/json"));
        Arbitrary<Body> edited = Combinators.combine(Arbitraries.of(validFiles), Arbitraries.integers().between(0,
                100_000), Arbitraries.of(TEXTS), Arbitraries.of(true, false), types)
                .as((file, cell, text, replace, type) -> {
                    String changed = editCell(file, cell, text, replace);
                    return new Body(changed.getBytes(StandardCharsets.UTF_8), type, abbreviate(changed));
                });
        return Arbitraries.frequencyOf(Tuple.of(8, edited), Tuple.of(2, corrupted(validFiles, types)));
    }

    /** Ids of resources that exist, and text that is no id at all. */
    public static Arbitrary<String> ids(List<String> real) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(real)), Tuple.of(5, Arbitraries.of(TEXTS)),
                Tuple.of(2, Arbitraries.just("00000000-0000-0000-0000-000000000000")));
    }

    /** Values for query parameters: hostile text, and sometimes a reasonable number. */
    public static Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(Arbitraries.of(TEXTS), Arbitraries.integers().between(-5, 500).map(String::valueOf));
    }

    private static Arbitrary<Body> corrupted(List<String> valid, Arbitrary<String> types) {
        return Combinators.combine(Arbitraries.of(valid), Arbitraries.of(Corruption.class),
                Arbitraries.integers().between(0, 100_000), Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                types).as((text, corruption, at, noise, type) -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    int position = at % (bytes.length + 1);
                    byte[] result = switch (corruption) {
                        case TRUNCATE -> Arrays.copyOf(bytes, position);
                        case INVALID_UTF8 -> splice(bytes, position, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                        case RANDOM_BYTES -> noise;
                        case EMPTY -> new byte[0];
                    };
                    return new Body(result, type, corruption + " at " + position + " of " + abbreviate(text));
                });
    }

    /** The body with one value replaced, removed, or a field added next to it. */
    private static String edit(String body, int slot, Edit edit, String value) {
        JsonNode root = JSON.readTree(body);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot target = slots.get(slot % slots.size());
        switch (edit) {
            case REPLACE -> target.set(PLACEHOLDER);
            case REMOVE -> target.remove();
            case ADD -> target.addSibling("unknownField", PLACEHOLDER);
        }
        return JSON.writeValueAsString(root).replace("\"" + PLACEHOLDER + "\"", value);
    }

    private static String editCell(String file, int cell, String text, boolean replace) {
        List<String> lines = new ArrayList<>(Arrays.asList(file.split("\n", -1)));
        int line = cell % lines.size();
        List<String> cells = new ArrayList<>(Arrays.asList(lines.get(line).split(",", -1)));
        int column = (cell / lines.size()) % cells.size();
        if (replace) {
            cells.set(column, text);
        }
        else {
            cells.add(column, text);
        }
        lines.set(line, String.join(",", cells));
        return String.join("\n", lines);
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
    }

    /** A place in a JSON tree that holds a value: a field of an object or an element of an array. */
    private record Slot(JsonNode container, String field, int index) {

        void set(String text) {
            if (container instanceof ObjectNode object) {
                object.put(field, text);
            }
            else {
                ((ArrayNode) container).set(index, JSON.getNodeFactory().stringNode(text));
            }
        }

        void remove() {
            if (container instanceof ObjectNode object) {
                object.remove(field);
            }
            else {
                ((ArrayNode) container).remove(index);
            }
        }

        void addSibling(String name, String text) {
            if (container instanceof ObjectNode object) {
                object.put(name, text);
            }
            else {
                ((ArrayNode) container).add(text);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String field : object.propertyNames()) {
                slots.add(new Slot(object, field, -1));
                collect(object.get(field), slots);
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }
}
