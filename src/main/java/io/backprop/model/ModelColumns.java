package io.backprop.model;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.backprop.metrics.Metrics;
import io.backprop.model.spec.ModelSpec;
import io.backprop.network.Checkpoint;
import io.backprop.network.Parameters;
import io.backprop.system.ColumnConverters;
import tools.jackson.databind.json.JsonMapper;

/** How the model tables hold their typed values: documents as JSON, parameters and checkpoints in binary. */
@Configuration(proxyBeanMethods = false)
class ModelColumns {

    @Bean
    ColumnConverters modelDocuments(JsonMapper json) {
        return ColumnConverters.json(json, ModelSpec.class, DataFit.class, Metrics.class, Outcome.class,
                LearningCurve.class, Receipt.class);
    }

    @Bean
    ColumnConverters modelParameters() {
        return ColumnConverters.binary(Parameters.class, ParametersCodec::decode, ParametersCodec::encode);
    }

    @Bean
    ColumnConverters modelCheckpoints() {
        return ColumnConverters.binary(Checkpoint.class, Checkpoint::decode, Checkpoint::encode);
    }
}
