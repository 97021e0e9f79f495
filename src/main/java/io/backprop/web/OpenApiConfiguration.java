package io.backprop.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "apiKey";

    @Bean
    OpenAPI backpropApi() {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("An API key (not needed on the "
                                + "loopback interface without an admin key)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info().title("Backprop").version("1")
                .description("Train small feed-forward neural networks and predict with them. POST a data set and an "
                        + "architecture to /models; training runs in the background; follow the model until it is "
                        + "SUCCEEDED, then POST rows to /models/{id}/predict. Errors are application/problem+json."));
    }
}
