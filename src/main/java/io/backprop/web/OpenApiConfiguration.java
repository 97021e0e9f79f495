package io.backprop.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI backpropApi() {
        return new OpenAPI().info(new Info().title("Backprop").version("1")
                .description("Train small feed-forward neural networks and predict with them. POST a data set and an "
                        + "architecture to /models; training runs in the background; follow the model until it is "
                        + "SUCCEEDED, then POST rows to /models/{id}/predict. Errors are application/problem+json."));
    }
}
