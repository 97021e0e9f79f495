package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.backprop.BackpropApplication;
import io.backprop.support.ApiClient;
import io.backprop.support.EnabledIfPostgres;
import io.backprop.support.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * A model and a data set stored by an earlier version (parameters and rows as JSON text, before V4) still work
 * exactly as they did once the database is migrated: the parameters are rewritten as binary, bit for bit, and the
 * rows become row sets, the same as the same rows uploaded now. The running total of stored bytes starts at what
 * the migrated rows hold, and follows every model, data set and row set stored or deleted since.
 */
class StoredModelMigrationTests {

    private static final String ID = "6e711863-a172-4d1b-9c24-f024afcba5ee";
    private static final String DATASET = "0b1d7c3e-5a3f-4e44-9f0e-2f1c9a7d4b21";
    /** What the model answered before the migration, for the four XOR inputs. */
    private static final String OUTPUTS = "[[0.04299190588895202],[0.9079180670553356],[0.9032724508787798],"
            + "[0.11714367803327243]]";

    @TempDir
    Path directory;

    @Test
    void modelStoredAsJsonShouldPredictAsBeforeOnH2() throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("old") + ";WRITE_DELAY=0";

        migrateOldDatabase(url, "sa", null);

        assertPredictsAsBefore(url, "sa");
    }

    @Test
    @EnabledIfPostgres
    void modelStoredAsJsonShouldPredictAsBeforeOnPostgres() throws SQLException {
        String schema = "backprop_migration_" + Long.toHexString(System.nanoTime());
        String url = TestPostgres.URL + "?currentSchema=" + schema;
        try {
            migrateOldDatabase(url, TestPostgres.USER, schema);

            assertPredictsAsBefore(url, TestPostgres.USER);
        }
        finally {
            TestPostgres.drop(schema);
        }
    }

    /** The schema as it was at version 3, with the model written then. */
    private static void migrateOldDatabase(String url, String user, String schema) throws SQLException {
        var flyway = Flyway.configure().dataSource(url, user, "").target("3");
        (schema == null ? flyway : flyway.schemas(schema)).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/model-stored-before-v4.sql"));
        }
    }

    private static void assertPredictsAsBefore(String url, String user) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BackpropApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user)) {
            ApiClient api = new ApiClient(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long migrated = assertTotalCountsEveryRow(jdbc);

            JsonNode model = api.get("/models/" + ID);
            JsonNode prediction = api.predict(ID, ApiClient.GATES);

            assertThat(model.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(prediction.get("outputs").toString()).isEqualTo(OUTPUTS);
            assertThat(api.get("/models/" + ID + "/parameters").at("/layers/1/biases/0").asDouble())
                    .isEqualTo(1.334042876955691);
            assertThat(jdbc.queryForObject(
                    "SELECT stored_bytes FROM model WHERE id = ?", Long.class, ID)).isGreaterThan(30_000);
            assertThat(api.get("/models/" + ID + "/decision-boundary?resolution=2").get("points")).hasSize(4);
            JsonNode dataset = api.get("/datasets/" + DATASET);
            JsonNode again = api.create("/datasets", java.util.Map.of("features", new double[][] {{1.4}, {4.7}, {1.3}},
                    "labels", java.util.List.of("setosa", "versicolor", "setosa"), "featureNames",
                    java.util.List.of("length"), "targetNames", java.util.List.of("species")));
            assertThat(dataset.get("sha256")).isEqualTo(again.get("sha256"));
            assertThat(dataset.at("/columns/1/classCounts").toString()).isEqualTo("{\"setosa\":2,\"versicolor\":1}");

            String trained = api.awaitSucceeded(api.train(ApiClient.xor(500))).get("id").asString();
            assertThat(assertTotalCountsEveryRow(jdbc)).isGreaterThan(migrated);
            api.http().delete().uri("/models/" + trained).exchange().expectStatus().isNoContent();
            api.http().delete().uri("/datasets/" + again.get("id").asString()).exchange().expectStatus().isNoContent();
            assertThat(assertTotalCountsEveryRow(jdbc)).isEqualTo(migrated);
        }
    }

    /** The running total the storage budget reads is the sum of what every row records; returns it. */
    private static long assertTotalCountsEveryRow(JdbcTemplate jdbc) {
        long total = jdbc.queryForObject("SELECT SUM(bytes) FROM store_usage", Long.class);
        assertThat(total).isPositive().isEqualTo(jdbc.queryForObject(
                "SELECT (SELECT COALESCE(SUM(stored_bytes), 0) FROM model) "
                        + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM dataset) "
                        + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM row_set)", Long.class));
        return total;
    }
}
