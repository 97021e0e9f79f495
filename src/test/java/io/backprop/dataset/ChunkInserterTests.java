package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The upload's two storing threads: chunks are inserted in the order the blocks came, and a failure while
 * inserting reaches the thread that hands blocks over, through the encoding thread, with both threads ended.
 */
class ChunkInserterTests {

    private static Connection database(String name) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name);
        connection.createStatement().execute("CREATE TABLE row_chunk (row_set_id VARCHAR(40), part CHAR(1), "
                + "first_row INT, row_count INT, float32 BOOLEAN, content BLOB)");
        return connection;
    }

    private static RowBlock block(int number) {
        return new RowBlock(RowChunk.Part.FEATURES, number * 10, 10, 1, new double[10]);
    }

    private static RowChunk encode(RowBlock block) {
        return new RowChunk(block.part(), block.firstRow(), block.rows(), false, new byte[block.rows() * 8]);
    }

    @Test
    void chunksShouldBeInsertedInTheOrderOfTheirBlocks() throws SQLException {
        try (Connection connection = database("chunks-in-order")) {
            try (ChunkInserter inserter = new ChunkInserter(connection, "rows", ChunkInserterTests::encode,
                    bytes -> { })) {
                for (int b = 0; b < 50; b++) {
                    inserter.accept(block(b));
                }
                inserter.finish();
            }
            List<Integer> firstRows = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT first_row FROM row_chunk")) {
                while (rows.next()) {
                    firstRows.add(rows.getInt(1));
                }
            }
            assertThat(firstRows).hasSize(50).isSorted();
        }
    }

    @Test
    void aFailureWhileInsertingShouldReachTheParserAndEndBothThreads() throws SQLException {
        IllegalStateException full = new IllegalStateException("no room");
        try (Connection connection = database("chunks-failing")) {
            ChunkInserter inserter = new ChunkInserter(connection, "rows", ChunkInserterTests::encode, bytes -> {
                if (bytes > 200) {
                    throw full;
                }
            });
            assertThatThrownBy(() -> {
                for (int b = 0; b < 1_000; b++) {
                    inserter.accept(block(b));
                }
                inserter.finish();
            }).isSameAs(full);
            inserter.close();

            try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM row_chunk")) {
                count.next();
                assertThat(count.getInt(1)).as("chunks inserted before the failure").isEqualTo(2);
            }
            assertNoThreadInAStage();
        }
    }

    /** As when parsing fails part way: the stages are closed with blocks still on their way. */
    @Test
    void closingBeforeTheEndShouldEndBothThreads() throws SQLException {
        try (Connection connection = database("chunks-closed")) {
            ChunkInserter inserter = new ChunkInserter(connection, "rows", ChunkInserterTests::encode, bytes -> { });
            for (int b = 0; b < 20; b++) {
                inserter.accept(block(b));
            }
            inserter.close();
            assertNoThreadInAStage();
        }
    }

    private static void assertNoThreadInAStage() {
        assertThat(Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                .filter(frame -> frame.getClassName().equals(HandOff.class.getName())))
                .as("no thread still in a stage").isEmpty();
    }
}
