package io.backprop.access;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.backprop.support.EnabledIfPostgres;
import io.backprop.support.TestPostgres;

/** Keys, owners, quotas and the audit trail on PostgreSQL, the production database. */
@EnabledIfPostgres
class PostgresAccessTests extends AccessTests {

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
