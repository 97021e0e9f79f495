package io.backprop.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

import tools.jackson.databind.json.JsonMapper;

/**
 * How a feature's typed values are stored in single columns, so that its entities hold records rather than
 * JSON text: each feature declares its own as a bean, and {@link PersistenceConfiguration} hands them all to
 * Spring Data JDBC.
 */
public record ColumnConverters(List<GenericConverter> converters) {

    /** These types stored as JSON text. */
    public static ColumnConverters json(JsonMapper json, Class<?>... types) {
        List<GenericConverter> converters = new ArrayList<>();
        for (Class<?> type : types) {
            converters.addAll(json(json, type));
        }
        return new ColumnConverters(converters);
    }

    private static <T> List<GenericConverter> json(JsonMapper json, Class<T> type) {
        return List.of(new Reading<>(String.class, type, text -> json.readValue(text, type)),
                new Writing<>(type, String.class, json::writeValueAsString));
    }

    /** A type stored as bytes in a form of its own. */
    public static <T> ColumnConverters binary(Class<T> type, Function<byte[], T> read, Function<T, byte[]> write) {
        return new ColumnConverters(List.of(new Reading<>(byte[].class, type, read),
                new Writing<>(type, byte[].class, write)));
    }

    /** A one-way conversion between a record type and its column's value. */
    private abstract static class OneWay<S, T> implements GenericConverter {

        private final Class<S> source;
        private final Class<T> target;
        private final Function<S, T> convert;

        OneWay(Class<S> source, Class<T> target, Function<S, T> convert) {
            this.source = source;
            this.target = target;
            this.convert = convert;
        }

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(source, target));
        }

        @Override
        public Object convert(Object value, TypeDescriptor sourceType, TypeDescriptor targetType) {
            return value == null ? null : convert.apply(source.cast(value));
        }
    }

    /** Column value to record. */
    @ReadingConverter
    private static final class Reading<S, T> extends OneWay<S, T> {

        Reading(Class<S> source, Class<T> target, Function<S, T> read) {
            super(source, target, read);
        }
    }

    /** Record to column value. */
    @WritingConverter
    private static final class Writing<S, T> extends OneWay<S, T> {

        Writing(Class<S> source, Class<T> target, Function<S, T> write) {
            super(source, target, write);
        }
    }
}
