package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.backprop.model.ParametersCodec;
import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites the parameters stored as JSON text ({"layers":[{"weights":[[…]],"biases":[…]}]}) in the binary form,
 * bit for bit, and records the bytes every existing model and data set holds. Runs in Java because neither
 * database can turn JSON numbers into IEEE 754 bytes in SQL.
 */
public class V5__ConvertParametersToBinary extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        convert(connection, "model_result", "parameters", "parameter_bytes");
        convert(connection, "model_dataset", "initial_parameters", "initial_parameter_bytes");
        recordSizes(connection, "model", """
                SELECT m.id, m.spec, m.preprocessing, m.metrics, m.outcome, d.content, d.initial_parameter_bytes,
                       r.parameter_bytes, r.learning_curve
                FROM model m LEFT JOIN model_dataset d ON d.model_id = m.id
                LEFT JOIN model_result r ON r.model_id = m.id""");
        recordSizes(connection, "dataset", """
                SELECT s.id, s.summary, r.content FROM dataset s LEFT JOIN dataset_rows r ON r.dataset_id = s.id""");
    }

    private static void convert(Connection connection, String table, String json, String binary) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT model_id, " + json + " FROM " + table + " WHERE " + json + " IS NOT NULL");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET " + binary + " = ? WHERE model_id = ?");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                update.setBytes(1, ParametersCodec.encode(parameters(rows.getString(2))));
                update.setString(2, rows.getString(1));
                update.executeUpdate();
            }
        }
    }

    private static Parameters parameters(String json) {
        JsonMapper mapper = JsonMapper.shared();
        List<LayerParameters> layers = new ArrayList<>();
        for (JsonNode layer : mapper.readTree(json).get("layers")) {
            JsonNode biases = layer.get("biases");
            layers.add(new LayerParameters(mapper.treeToValue(layer.get("weights"), double[][].class),
                    biases == null || biases.isNull() ? null : mapper.treeToValue(biases, double[].class)));
        }
        return new Parameters(layers);
    }

    /** Sets each row's stored bytes to the sizes of the other selected columns added up. */
    private static void recordSizes(Connection connection, String table, String select) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(select);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET stored_bytes = ? WHERE id = ?");
                ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                long bytes = 0;
                for (int c = 2; c <= columns; c++) {
                    Object value = rows.getObject(c);
                    bytes += value instanceof byte[] array ? array.length : value == null ? 0
                            : rows.getString(c).length();
                }
                update.setLong(1, bytes);
                update.setString(2, rows.getString(1));
                update.executeUpdate();
            }
        }
    }
}
