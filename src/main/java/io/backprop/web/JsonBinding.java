package io.backprop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.backprop.system.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JSON request body into its record and lists every value of the wrong kind on the way (an unknown
 * enum name, text where a number is due, a field no one knows), each named by its path, e.g.
 * {@code architecture.layers[0].activation}. Such a value is read as absent, so that the request's own checks
 * run on the rest and all problems are reported at once.
 */
@Component
public class JsonBinding {

    private final JsonMapper json;

    JsonBinding(JsonMapper json) {
        this.json = json;
    }

    /** A body read as far as it goes, and what was wrong with it. */
    public record Bound<T>(T value, List<FieldViolation> violations) {
    }

    public <T> Bound<T> bind(JsonNode body, Class<T> type) {
        List<FieldViolation> violations = new ArrayList<>();
        try {
            T value = json.readerFor(type).withAttribute(Collector.class, violations).readValue(body);
            return new Bound<>(value, violations);
        }
        catch (JacksonException e) {
            violations.add(violation(e));
            return new Bound<>(null, violations);
        }
    }

    /** A value of the wrong kind, named by its path in the body, as a reader that stopped at it reports it. */
    static FieldViolation violation(JacksonException mapping) {
        String field = mapping.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? "." + reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return FieldViolation.of(field, unknown.getPropertyName(), "is not a known field");
        }
        Object value = mapping instanceof InvalidFormatException format ? format.getValue() : null;
        Class<?> target = mapping instanceof MismatchedInputException input ? input.getTargetType() : null;
        return wrongKind(field, value, target);
    }

    /** A value of the wrong kind at {@code field}; at the top, the body itself, which must be an object. */
    private static FieldViolation wrongKind(String field, Object value, Class<?> target) {
        return field.isEmpty() ? FieldViolation.of("(body)", value, "must be a JSON object")
                : FieldViolation.of(field, value, expectation(target));
    }

    /** What a value of this type must be, in a client's words. */
    static String expectation(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of " + Stream.of(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (target.isArray() || List.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        if (target == Integer.class || target == int.class) {
            return "must be a whole number, at most " + Integer.MAX_VALUE;
        }
        if (target == Long.class || target == long.class) {
            return "must be a whole number, at most " + Long.MAX_VALUE;
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return "must be a number";
        }
        return "must be " + (target == Boolean.class || target == boolean.class ? "true or false"
                : target == String.class ? "a string" : "an object (" + target.getSimpleName().toLowerCase(Locale.ROOT)
                        + ")");
    }

    /**
     * Registered on the application's mapper, and at work only for readers that carry a list to collect into
     * (see {@link #bind}); anywhere else Jackson fails as usual.
     */
    static final class Collector extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                ValueDeserializer<?> deserializer, Object bean, String name) {
            List<FieldViolation> violations = violations(context);
            if (violations == null) {
                return false;
            }
            String parent = field(context);
            violations.add(FieldViolation.of(parent.isEmpty() ? name : parent + "." + name, name,
                    "is not a known field"));
            parser.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> type, String value,
                String message) {
            return collect(context, type, value);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext context, Class<?> type, Number value,
                String message) {
            return collect(context, type, value);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType type, JsonToken token,
                JsonParser parser, String message) {
            Object result = collect(context, type.getRawClass(), describe(parser));
            if (result != NOT_HANDLED) {
                parser.skipChildren();
            }
            return result;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext context, Class<?> type,
                ValueInstantiator instantiator, JsonParser parser, String message) {
            Object result = collect(context, type, describe(parser));
            if (result != NOT_HANDLED) {
                parser.skipChildren();
            }
            return result;
        }

        private static Object collect(DeserializationContext context, Class<?> type, Object value) {
            List<FieldViolation> violations = violations(context);
            if (violations == null) {
                return NOT_HANDLED;
            }
            violations.add(wrongKind(field(context), value, type));
            return null;
        }

        @SuppressWarnings("unchecked")
        private static List<FieldViolation> violations(DeserializationContext context) {
            return (List<FieldViolation>) context.getAttribute(Collector.class);
        }

        /** The parser's place as a field path: /architecture/layers/0/units → architecture.layers[0].units. */
        private static String field(DeserializationContext context) {
            StringBuilder field = new StringBuilder();
            for (String step : context.getParser().streamReadContext().pathAsPointer().toString().split("/")) {
                if (step.isEmpty()) {
                    continue;
                }
                field.append(step.chars().allMatch(Character::isDigit) ? "[" + step + "]"
                        : (field.isEmpty() ? "" : ".") + step.replace("~1", "/").replace("~0", "~"));
            }
            return field.toString();
        }

        private static String describe(JsonParser parser) {
            JsonToken token = parser.currentToken();
            return token == JsonToken.START_OBJECT ? "an object" : token == JsonToken.START_ARRAY ? "an array"
                    : parser.getString();
        }
    }
}
