package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload's two storing threads: chunks are inserted in the order the blocks came, and a failure while
 * inserting reaches the thread that hands blocks over, through the encoding thread, with both threads ended. On
 * H2's file, chunks are written as they arrive, yet undone unless committed.
 */
class ChunkInserterTests {

    private static final int CHUNKS = 3;
    private static final int COLUMNS = 128;
    /** About a megabyte of float64 values per chunk, as uploads make them. */
    private static final int CHUNK_ROWS = (1 << 20) / (COLUMNS * Double.BYTES);

    @TempDir
    Path folder;

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

            assertThat(count(connection)).as("chunks inserted before the failure").isEqualTo(2);
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

    @Test
    void h2ShouldWriteAnUploadsChunksAsTheyArriveAndStillUndoThem() throws Exception {
        // the service's kind of URL
        try (Connection connection = fileDatabase(";WRITE_DELAY=0", "sa", "")) {
            long before = fileBytes();

            long during = insertLargeChunks(connection);
            connection.rollback();

            assertThat(during - before).as("written before the commit").isGreaterThan(2L << 20);
            assertThat(count(connection)).isZero();
        }
    }

    @Test
    void aUserH2DoesNotLetCheckpointShouldStillStoreEveryChunk() throws Exception {
        fileDatabase("", "sa", "").close();
        long before = fileBytes();
        try (Connection connection = fileDatabase("", "app", "app")) {
            insertLargeChunks(connection);
            connection.commit();

            assertThat(count(connection)).isEqualTo(CHUNKS);
        }
        assertThat(fileBytes() - before).as("written once the database closed").isGreaterThan((long) CHUNKS << 20);
    }

    /** An H2 file with the table and a user without admin rights, who may not CHECKPOINT (nor set WRITE_DELAY). */
    private Connection fileDatabase(String settings, String user, String password) throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("db");
        if (!Files.exists(folder.resolve("db.mv.db"))) {
            try (Connection admin = DriverManager.getConnection(url, "sa", "");
                    Statement sql = admin.createStatement()) {
                sql.execute("CREATE TABLE row_chunk (row_set_id VARCHAR(40), part CHAR(1), first_row INT, "
                        + "row_count INT, float32 BOOLEAN, content BLOB)");
                sql.execute("CREATE USER app PASSWORD 'app'");
                sql.execute("GRANT ALL ON row_chunk TO app");
            }
        }
        return DriverManager.getConnection(url + settings, user, password);
    }

    /** Inserts chunks of about a megabyte in a transaction left open: the H2 file's size then. */
    private long insertLargeChunks(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        Random random = new Random(7);
        ChunkEncoder encoder = new ChunkEncoder(false);
        try (ChunkInserter inserter = new ChunkInserter(connection, "rows", encoder::encode, bytes -> { })) {
            for (int c = 0; c < CHUNKS; c++) {
                double[] values = random.doubles((long) CHUNK_ROWS * COLUMNS).toArray();
                inserter.accept(new RowBlock(RowChunk.Part.FEATURES, c * CHUNK_ROWS, CHUNK_ROWS, COLUMNS, values));
            }
            inserter.finish();
        }
        return fileBytes();
    }

    private long fileBytes() throws Exception {
        return Files.size(folder.resolve("db.mv.db"));
    }

    private static int count(Connection connection) throws SQLException {
        try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM row_chunk")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static void assertNoThreadInAStage() {
        assertThat(Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                .filter(frame -> frame.getClassName().equals(HandOff.class.getName())))
                .as("no thread still in a stage").isEmpty();
    }
}
