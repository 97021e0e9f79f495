package io.backprop.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL of the development and CI machines (127.0.0.1:5432, trust authentication, database test).
 * Each test class gets a schema of its own, dropped afterwards, so runs never see each other's rows.
 */
public final class TestPostgres {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = System.getenv().getOrDefault("BACKPROP_TEST_POSTGRES_USER", "postgres");

    private TestPostgres() {
    }

    public static boolean reachable() {
        try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=2", USER, "")) {
            return connection.isValid(2);
        }
        catch (SQLException e) {
            return false;
        }
    }

    /** Points the application at a new, empty schema; returns its name. */
    public static String useFreshSchema(DynamicPropertyRegistry registry) {
        String schema = "backprop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        return schema;
    }

    public static void drop(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
