package io.backprop.web;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Numbers, flags and text read as written: {@code "units": 2.7} is not 2, {@code "epochs": "5"} is not 5,
 * {@code "name": false} is not "false". A value of the wrong kind is reported through Jackson's problem
 * handlers, so that {@link JsonBinding} can collect every one of them instead of stopping at the first; without
 * a collector it fails as Jackson's own readers would.
 */
final class StrictScalars {

    private StrictScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("strict-scalars")
                .addDeserializer(Integer.class, new Scalar<>(Integer.class, StrictScalars::integer))
                .addDeserializer(Long.class, new Scalar<>(Long.class, StrictScalars::whole))
                .addDeserializer(Double.class, new Scalar<>(Double.class, StrictScalars::number))
                .addDeserializer(Boolean.class, new Scalar<>(Boolean.class, StrictScalars::flag))
                .addDeserializer(String.class, new Scalar<>(String.class, StrictScalars::text))
                .addDeserializer(double[].class, new Numbers());
    }

    /** Reads the current token as the value, or returns null when it is of the wrong kind. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonParser parser);
    }

    private static Integer integer(JsonParser parser) {
        Long value = whole(parser);
        return value != null && value == value.intValue() ? value.intValue() : null;
    }

    private static Long whole(JsonParser parser) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        try {
            return parser.getLongValue();
        }
        catch (InputCoercionException tooLarge) {
            return null;
        }
    }

    private static Double number(JsonParser parser) {
        return parser.currentToken().isNumeric() ? parser.getDoubleValue() : null;
    }

    private static Boolean flag(JsonParser parser) {
        return parser.currentToken().isBoolean() ? parser.getBooleanValue() : null;
    }

    private static String text(JsonParser parser) {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    private static final class Scalar<T> extends StdScalarDeserializer<T> {

        private final Class<T> type;
        private final Reader<T> reader;

        Scalar(Class<T> type, Reader<T> reader) {
            super(type);
            this.type = type;
            this.reader = reader;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            T value = reader.read(parser);
            return value != null ? value : type.cast(context.handleUnexpectedToken(type, parser));
        }
    }

    /** A row of numbers; an element of the wrong kind is reported and stands as NaN, which later checks refuse. */
    private static final class Numbers extends StdDeserializer<double[]> {

        Numbers() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return (double[]) context.handleUnexpectedToken(double[].class, parser);
            }
            double[] values = new double[16];
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                Double value = number(parser);
                if (value == null) {
                    context.handleUnexpectedToken(double.class, parser);
                    value = Double.NaN;
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = value;
            }
            return Arrays.copyOf(values, count);
        }
    }
}
