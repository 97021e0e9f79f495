package io.backprop.bench;

import java.util.List;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.dataset.RowStore;
import io.backprop.network.Examples;
import io.backprop.network.RowSource;
import io.backprop.preprocessing.RowTransform;
import io.backprop.preprocessing.Rows;
import io.backprop.preprocessing.Scaling;

/**
 * The service's row store on an in-memory H2 database, for timing training as a job does it: from rows stored
 * once (float32 chunks where the values are float32), read back and copied into the engine's memory.
 */
final class StoredRows implements AutoCloseable {

    private final SingleConnectionDataSource database = new SingleConnectionDataSource(
            "jdbc:h2:mem:bench-rows;DB_CLOSE_DELAY=-1", "sa", "", true);
    private final RowStore store;
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));

    StoredRows() {
        Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        store = RowStore.on(new JdbcTemplate(database));
    }

    /** Stores the examples' rows; returns the row set's id. */
    String store(Examples examples) {
        DatasetInput input = new DatasetInput(examples.features().toArray(), examples.targets().toArray(), null,
                null, null);
        return transaction.execute(status -> store.store(RowSet.of(input))).id();
    }

    /**
     * The stored rows as a job prepares them (unscaled, as the workloads are): targets read now, features read from
     * their chunks as the engine copies them.
     */
    Examples read(String id) {
        RowStore.Stored stored = store.get(id);
        List<String> features = names("x", stored.features());
        RowSet rows = store.read(id, features, names("y", stored.targets()));
        RowTransform transform = RowTransform.fit(features, List.of(), Scaling.NONE, rows.features(),
                rows.targetNames(), Scaling.NONE, null, Rows.all(rows.rows()));
        return new Examples(transform.inputs(rows.features()), RowSource.of(rows.targets()));
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    @Override
    public void close() {
        database.destroy();
    }
}
