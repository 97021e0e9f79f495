package io.backprop.dataset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

import io.backprop.network.RowSource;
import io.backprop.system.ResourceIds;
import io.backprop.web.Problems;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores rows once, as binary chunks named by their content, for every data set and model that uses them; a row
 * set goes when the last of them does. Writes happen in the caller's transaction, so a write that fails part
 * way leaves nothing behind.
 */
@Repository
public class RowStore {

    private static final TypeReference<List<Object>> CLASSES = new TypeReference<>() {
    };
    /** How long a transaction waits, at most, for another that stores the same rows to commit them: 2 s. */
    private static final int CLAIM_ATTEMPTS = 100;
    private static final int CLAIM_PAUSE_MILLIS = 20;

    private final JdbcTemplate jdbc;
    /** Reads chunks one by one: PostgreSQL hands a result over in parts only inside a transaction. */
    private final TransactionTemplate reading;
    private final JsonMapper json;
    private final Clock clock;

    RowStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
        this.json = json;
        this.clock = clock;
    }

    /** A store on this data source alone (the migration that moved rows here, the benchmark). */
    public static RowStore on(JdbcTemplate jdbc) {
        return new RowStore(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), JsonMapper.shared(),
                Clock.systemUTC());
    }

    /**
     * A stored row set: its id, the SHA-256 of its content, its shape, the bytes its chunks take, and whether
     * storing it just now added it (rather than finding it stored already).
     */
    public record Stored(String id, String sha256, int rows, int features, int targets, List<Object> classes,
            long bytes, boolean added) {
    }

    /**
     * Rows being stored as they arrive, each chunk as soon as it is full, by a {@link ChunkInserter}; close it
     * before the transaction ends.
     */
    final class Writing implements AutoCloseable {

        private final String id = placeholder();
        private final ChunkEncoder encoder;
        private final ChunkInserter inserter;
        final RowSetWriter writer;

        private Writing(boolean float32, LongConsumer beforeInsert, Consumer<RowBlock> observer) {
            this.encoder = new ChunkEncoder(float32);
            this.inserter = new ChunkInserter(DataSourceUtils.getConnection(jdbc.getDataSource()), id, block -> {
                observer.accept(block);
                return encoder.encode(block);
            }, beforeInsert);
            this.writer = new RowSetWriter(inserter::accept);
        }

        /**
         * Writes the targets and names the content; when the same content is stored already, this copy is
         * dropped and the stored row set returned.
         */
        Stored finish(double[][] targets, List<Object> labels) {
            List<Object> classes = writer.finish(targets, labels);
            inserter.finish();
            return claim(id, encoder.content(classes));
        }

        @Override
        public void close() {
            inserter.close();
        }
    }

    /**
     * @param float32 round every value to float32
     * @param beforeInsert told the bytes stored so far with each next chunk; may throw to stop the upload
     * @param observer shown each block before it is stored, on the storing thread
     */
    Writing begin(boolean float32, LongConsumer beforeInsert, Consumer<RowBlock> observer) {
        return new Writing(float32, beforeInsert, observer);
    }

    /** Stores rows held in memory, unless the same content is stored already. */
    public Stored store(RowSet rows) {
        List<RowChunk> chunks = new ArrayList<>();
        ChunkEncoder encoder = new ChunkEncoder(false);
        RowSetWriter writer = new RowSetWriter(block -> chunks.add(encoder.encode(block)));
        RowSource features = rows.features();
        double[] row = new double[features.columns()];
        for (int i = 0; i < features.rows(); i++) {
            features.read(i, row, 0);
            writer.addFeatures(row);
        }
        ChunkEncoder.Content content = encoder.content(writer.finish(rows.targets(), rows.labels()));
        Stored existing = find(content.sha256());
        if (existing != null && hold(existing.id())) {
            return existing;
        }
        String id = placeholder();
        chunks.forEach(chunk -> insert(id, chunk));
        return claim(id, content);
    }

    /**
     * Locks a stored row set until the caller's transaction ends, so that it cannot be released meanwhile: a
     * release waits for the transaction and then finds the reference it made. False when it is gone already.
     */
    public boolean hold(String id) {
        return jdbc.update("UPDATE row_set SET created_at = created_at WHERE id = ? AND sha256 IS NOT NULL", id) == 1;
    }

    /** A row set without content yet, for chunks to refer to while they are written. */
    private String placeholder() {
        String id = ResourceIds.next();
        jdbc.update("INSERT INTO row_set (id, row_count, feature_count, target_count, stored_bytes, created_at) "
                + "VALUES (?, 0, 0, 0, 0, ?)", id, Timestamp.from(clock.instant()));
        return id;
    }

    /**
     * Names the row set by its content, or drops it for the stored one of the same content. Two transactions
     * that store the same new content at once race for its digest: the loser's update fails on the unique digest
     * (undone to a savepoint, so the transaction lives on), and it takes the winner's once that is committed.
     */
    private Stored claim(String id, ChunkEncoder.Content content) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Stored existing = find(content.sha256());
            if (existing != null && hold(existing.id())) {
                jdbc.update("DELETE FROM row_set WHERE id = ?", id);
                return existing;
            }
            if (nameContent(id, content)) {
                return new Stored(id, content.sha256(), content.rows(), content.features(), content.targets(),
                        content.classes(), content.bytes(), true);
            }
            pause();
        }
        throw Problems.exception(HttpStatus.CONFLICT, "rows-being-stored", "Same rows being stored",
                "The same rows are being stored by another request; send this one again.");
    }

    /** Sets the digest and shape; false when another row set has just taken the digest. */
    private boolean nameContent(String id, ChunkEncoder.Content content) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                jdbc.update("UPDATE row_set SET sha256 = ?, row_count = ?, feature_count = ?, target_count = ?, "
                        + "classes = ?, stored_bytes = ? WHERE id = ?", content.sha256(), content.rows(),
                        content.features(), content.targets(),
                        content.classes() == null ? null : json.writeValueAsString(content.classes()), content.bytes(),
                        id);
                return true;
            }
            catch (DuplicateKeyException taken) {
                connection.rollback(savepoint);
                return false;
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("savepoints are needed to store rows", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_PAUSE_MILLIS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing rows", e);
        }
    }

    public Stored get(String id) {
        return jdbc.queryForObject("SELECT * FROM row_set WHERE id = ?", this::stored, id);
    }

    private Stored find(String sha256) {
        return jdbc.query("SELECT * FROM row_set WHERE sha256 = ?", this::stored, sha256).stream().findFirst()
                .orElse(null);
    }

    private Stored stored(ResultSet row, int number) throws SQLException {
        String classes = row.getString("classes");
        return new Stored(row.getString("id"), row.getString("sha256"), row.getInt("row_count"),
                row.getInt("feature_count"), row.getInt("target_count"),
                classes == null ? null : json.readValue(classes, CLASSES), row.getLong("stored_bytes"), false);
    }

    /**
     * The stored rows with these column names: the targets read now, the features once first asked for: a single
     * chunk at once, more on a thread of their own, each chunk usable as soon as it has arrived (a thread for one
     * chunk cost more than reading it: 2.5 ms of a tiny job's 14, measured).
     */
    public RowSet read(String id, List<String> featureNames, List<String> targetNames) {
        Stored stored = get(id);
        List<RowChunk> targetChunks = new ArrayList<>();
        stream(id, RowChunk.Part.TARGETS, targetChunks::add);
        double[][] targets = stored.targets() == 0 ? new double[stored.rows()][0]
                : new ChunkedRows(targetChunks, stored.targets()).toArray();
        return RowSet.stored(featureNames, targetNames, targets, stored.classes(), () -> {
            int chunkRows = jdbc.queryForObject("SELECT row_count FROM row_chunk WHERE row_set_id = ? AND part = ? "
                    + "AND first_row = 0", Integer.class, id, String.valueOf(RowChunk.Part.FEATURES.code));
            int count = (stored.rows() + chunkRows - 1) / chunkRows;
            if (count == 1) {
                List<RowChunk> only = new ArrayList<>();
                stream(id, RowChunk.Part.FEATURES, only::add);
                return new ChunkedRows(only, stored.features());
            }
            return new ChunkedRows(stored.rows(), stored.features(), chunkRows, 0, new ChunkPrefetch(count, chunkRows,
                    chunk -> stream(id, RowChunk.Part.FEATURES, chunk)));
        });
    }

    /** Each chunk of features in turn, as rows, holding one chunk at a time. */
    public void forEachFeatureChunk(String id, Consumer<RowSource> action) {
        int features = get(id).features();
        stream(id, RowChunk.Part.FEATURES, chunk -> action.accept(new ChunkedRows(List.of(chunk), features)));
    }

    /** The chunks of one part in order, one at a time. */
    private void stream(String id, RowChunk.Part part, Consumer<RowChunk> each) {
        reading.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT * FROM row_chunk WHERE row_set_id = ? AND part = ? "
                    + "ORDER BY first_row");
            statement.setFetchSize(1);
            statement.setString(1, id);
            statement.setString(2, String.valueOf(part.code));
            return statement;
        }, (RowCallbackHandler) row -> each.accept(chunk(row, 0))));
    }

    private static RowChunk chunk(ResultSet row, int number) throws SQLException {
        return new RowChunk(RowChunk.Part.of(row.getString("part")), row.getInt("first_row"), row.getInt("row_count"),
                row.getBoolean("float32"), row.getBytes("content"));
    }

    private void insert(String id, RowChunk chunk) {
        jdbc.update(ChunkInserter.INSERT, id, String.valueOf(chunk.part().code), chunk.firstRow(), chunk.rows(),
                chunk.float32(), chunk.content());
    }

    /**
     * Deletes the row sets no data set or model uses any more (a row set still being written has no digest
     * yet, and is left alone). Run after every delete; one that loses a race to a new user of the rows leaves
     * them for the next.
     */
    public void releaseUnused() {
        try {
            jdbc.update("DELETE FROM row_set WHERE sha256 IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM dataset WHERE dataset.row_set_id = row_set.id) "
                    + "AND NOT EXISTS (SELECT 1 FROM model_dataset WHERE model_dataset.row_set_id = row_set.id)");
        }
        catch (DataIntegrityViolationException stillUsed) {
            // a model or data set took one up meanwhile: the next delete tries again
        }
    }
}
