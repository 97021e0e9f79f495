package io.backprop.system;

/** One invalid field of a request: where it is (e.g. {@code dataset.features[2][0]}), its value, what is wrong. */
public record FieldViolation(String field, String value, String message) {

    private static final int MAX_VALUE_LENGTH = 80;

    /**
     * The value to report where exactly one of two fields must be given and it was not: both, when the first was
     * given, else neither.
     */
    public static String bothOrNeither(boolean firstGiven) {
        return firstGiven ? "both given" : "neither given";
    }

    /** Describes {@code value} briefly: numbers and text as they are (shortened), arrays by their length. */
    public static FieldViolation of(String field, Object value, String message) {
        return new FieldViolation(field, describe(value), message);
    }

    public static String describe(Object value) {
        String text = value instanceof double[] array ? "array of " + array.length
                : value instanceof Object[] array ? "array of " + array.length
                : String.valueOf(value);
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
