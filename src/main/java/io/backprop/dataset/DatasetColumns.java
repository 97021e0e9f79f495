package io.backprop.dataset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.backprop.system.ColumnConverters;
import tools.jackson.databind.json.JsonMapper;

/** How the data-set tables hold their typed values: as JSON. */
@Configuration(proxyBeanMethods = false)
public class DatasetColumns {

    @Bean
    ColumnConverters datasetDocuments(JsonMapper json) {
        return ColumnConverters.json(json, ColumnSummaries.class);
    }
}
