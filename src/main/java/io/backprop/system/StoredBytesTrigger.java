package io.backprop.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's part of the running total of stored bytes (migration V20; PostgreSQL's is a PL/pgSQL function): adds each
 * change of a row's {@code stored_bytes} to {@code store_usage}, in the row's own transaction, to the slot of the
 * thread that makes it, which a transaction keeps throughout.
 */
public class StoredBytesTrigger implements Trigger {

    private static final int SLOTS = 64;

    private int column;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, "STORED_BYTES")) {
            if (!columns.next()) {
                throw new SQLException(table + " has no STORED_BYTES column");
            }
            column = columns.getInt("ORDINAL_POSITION") - 1;
        }
    }

    @Override
    public void fire(Connection connection, Object[] before, Object[] after) throws SQLException {
        long change = bytes(after) - bytes(before);
        if (change == 0) {
            return;
        }
        try (PreparedStatement add = connection.prepareStatement(
                "UPDATE store_usage SET bytes = bytes + ? WHERE slot = ?")) {
            add.setLong(1, change);
            add.setInt(2, (int) (Thread.currentThread().getId() % SLOTS));
            add.executeUpdate();
        }
    }

    private long bytes(Object[] row) {
        return row == null ? 0 : ((Number) row[column]).longValue();
    }
}
