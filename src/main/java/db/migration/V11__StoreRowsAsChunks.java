package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.dataset.RowStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves the rows of every data set and model from JSON text into shared binary row sets (V9, V10), one per
 * distinct content, and takes the rows' text out of what each data set and model counts as its own bytes. V12
 * then drops the text.
 */
public class V11__StoreRowsAsChunks extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        RowStore store = RowStore.on(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        move(connection, store, "SELECT dataset_id, content FROM dataset_rows",
                "UPDATE dataset SET row_set_id = ?, stored_bytes = GREATEST(stored_bytes - ?, 0) WHERE id = ?");
        move(connection, store, "SELECT model_id, content FROM model_dataset",
                "UPDATE model_dataset SET row_set_id = ? WHERE model_id = ?");
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE model SET stored_bytes = GREATEST(stored_bytes - (SELECT LENGTH(content) FROM model_dataset "
                        + "WHERE model_id = model.id), 0) WHERE id IN (SELECT model_id FROM model_dataset)")) {
            update.executeUpdate();
        }
    }

    /** Stores each selected row's JSON rows as a row set and sets the reference to it. */
    private static void move(Connection connection, RowStore store, String select, String update)
            throws SQLException {
        JsonMapper json = JsonMapper.shared();
        try (PreparedStatement query = connection.prepareStatement(select);
                PreparedStatement set = connection.prepareStatement(update);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String content = rows.getString(2);
                RowStore.Stored stored = store.store(RowSet.of(json.readValue(content, DatasetInput.class)));
                set.setString(1, stored.id());
                if (update.contains("stored_bytes")) {
                    set.setLong(2, content.length());
                    set.setString(3, rows.getString(1));
                }
                else {
                    set.setString(2, rows.getString(1));
                }
                set.executeUpdate();
            }
        }
    }
}
