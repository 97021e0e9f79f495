package io.backprop.system;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/**
 * The bytes all models and data sets may take in the database together. Each row records what it holds (or, for
 * a model still training, the most it will hold), so the store's use is one sum; admitting and storing are done
 * one request at a time, so that two requests cannot both take the last room.
 */
@Component
public class StorageBudget {

    private final JdbcTemplate jdbc;
    private final long maxBytes;

    StorageBudget(JdbcTemplate jdbc, RequestLimits limits) {
        this.jdbc = jdbc;
        this.maxBytes = limits.maxStoreBytes().toBytes();
    }

    /**
     * Runs {@code store} if the store has room for {@code bytes} more.
     *
     * @throws ErrorResponseException 507 when it has not
     */
    public synchronized void admit(long bytes, Runnable store) {
        requireRoom(bytes);
        store.run();
    }

    /**
     * Checks, without reserving it, that the store has room for {@code bytes} more: for a long write to stop
     * early when it cannot fit, before {@link #admit} settles it.
     *
     * @throws ErrorResponseException 507 when it has not
     */
    public void requireRoom(long bytes) {
        long used = used();
        if (used + bytes > maxBytes) {
            ErrorResponseException full = Problems.exception(HttpStatus.INSUFFICIENT_STORAGE, "storage-full",
                    "Storage budget reached", "Storing this takes " + Bytes.describe(bytes) + " and the store holds "
                            + Bytes.describe(used) + " of its " + Bytes.describe(maxBytes)
                            + " (backprop.limits.max-store-bytes); delete models or data sets you no longer need.");
            full.getBody().setProperty("requestedBytes", bytes);
            full.getBody().setProperty("storedBytes", used);
            full.getBody().setProperty("maxStoreBytes", maxBytes);
            throw full;
        }
    }

    /** Bytes held by every model, data set and (once, however many use them) set of rows. */
    public long used() {
        Long used = jdbc.queryForObject("SELECT (SELECT COALESCE(SUM(stored_bytes), 0) FROM model) "
                + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM dataset) "
                + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM row_set)", Long.class);
        return used == null ? 0 : used;
    }
}
