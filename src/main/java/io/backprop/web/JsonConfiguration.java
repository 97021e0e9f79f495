package io.backprop.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads request bodies as written, never as guessed: a value of the wrong JSON type is an error rather than
 * coerced (see {@link StrictScalars}; {@code "activation": 3} is not the fourth activation), a key given twice is
 * an error, and an enum value must match its name exactly (Jackson trims strings it cannot match, which turns
 * {@code "sigmoid\u0000"} into sigmoid). {@link JsonBinding} collects every such error of a body.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // shortest round-trip digits, several times faster than Double.toString and parseDouble: a
                // tiny job's learning curve, metrics and answers are mostly numbers
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .addModule(StrictScalars.module())
                .addModule(new SimpleModule("strict-enums").setDeserializerModifier(new ExactEnums()))
                .addHandler(new JsonBinding.Collector());
    }

    /** Wraps every enum reader with a check that the text is a bare name: no spaces, no control characters. */
    private static final class ExactEnums extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            return new ExactEnum(deserializer);
        }
    }

    private static final class ExactEnum extends DelegatingDeserializer {

        ExactEnum(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactEnum(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING && !bare(parser.getString())) {
                return context.handleWeirdStringValue(handledType(), parser.getString(), "not an exact name");
            }
            return super.deserialize(parser, context);
        }

        private static boolean bare(String text) {
            return !text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c < 0x7F);
        }
    }
}
