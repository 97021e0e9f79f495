package io.backprop.model;

import org.springframework.boot.test.context.SpringBootTest;

/** The user's path on the embedded database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:model-api;DB_CLOSE_DELAY=-1")
class ModelApiTests extends ModelFlowTests {
}
