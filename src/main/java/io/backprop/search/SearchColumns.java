package io.backprop.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.backprop.system.ColumnConverters;
import tools.jackson.databind.json.JsonMapper;

/** How the search table holds its documents: as JSON. */
@Configuration(proxyBeanMethods = false)
class SearchColumns {

    @Bean
    ColumnConverters searchDocuments(JsonMapper json) {
        return ColumnConverters.json(json, SearchRequest.class, ModelSearch.Plan.class);
    }
}
