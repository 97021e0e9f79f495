package io.backprop.model;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.backprop.support.EnabledIfPostgres;
import io.backprop.support.TestPostgres;

/** The user's path on PostgreSQL, the production database. */
@EnabledIfPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresModelApiTests extends ModelFlowTests {

    private static String schema;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema = TestPostgres.useFreshSchema(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        TestPostgres.drop(schema);
    }
}
