package io.backprop.system;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/**
 * The bytes all models and data sets may take in the database together. Each row records what it holds (or, for
 * a model still training, the most it will hold), so the store's use is one sum. A request's bytes are reserved
 * before it stores them, one request at a time, so that two requests cannot both take the last room; the storing
 * itself runs outside the lock (holding it through each storing transaction made accepting tiny jobs one commit at
 * a time), and a store that fails gives its reservation back. The sum grows with the rows, so
 * it is taken at most once a second while the store is far from full ({@link #CLOSE}), and in between the
 * bytes admitted here are added to it (deletes show at the next sum: the estimate errs on the full side); near
 * the limit it is taken for every request. Taking it per request made accepting tiny jobs slower with every
 * model stored (measured: 157 jobs/s with 2,000 models, 90 with 6,000).
 */
@Component
public class StorageBudget {

    /** Below this share of the budget, the use may be an estimate up to {@link #FRESH_NANOS} old. */
    private static final double CLOSE = 0.9;
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate apart;
    private final long maxBytes;
    private long known;
    /** Bytes reserved by stores under way: not yet in the sum, which is taken apart from their transactions. */
    private long reserved;
    /** When {@link #known} was summed; never, at first. */
    private long knownAt = System.nanoTime() - 2 * FRESH_NANOS;

    StorageBudget(JdbcTemplate jdbc, PlatformTransactionManager transactions, RequestLimits limits) {
        this.jdbc = jdbc;
        this.apart = new TransactionTemplate(transactions);
        apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        apart.setReadOnly(true);
        this.maxBytes = limits.maxStoreBytes().toBytes();
    }

    /**
     * Runs {@code store} if the store has room for {@code bytes} more.
     *
     * @throws ErrorResponseException 507 when it has not
     */
    public void admit(long bytes, Runnable store) {
        synchronized (this) {
            requireRoom(bytes);
            known += bytes;
            reserved += bytes;
        }
        boolean stored = false;
        try {
            store.run();
            stored = true;
        }
        finally {
            synchronized (this) {
                reserved -= bytes;
                known -= stored ? 0 : bytes;
            }
        }
    }

    /**
     * Checks, without reserving it, that the store has room for {@code bytes} more: for a long write to stop
     * early when it cannot fit, before {@link #admit} settles it.
     *
     * @throws ErrorResponseException 507 when it has not
     */
    public synchronized void requireRoom(long bytes) {
        long used = estimate(bytes);
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

    private long estimate(long adding) {
        long now = System.nanoTime();
        if (now - knownAt > FRESH_NANOS || known + adding > maxBytes * CLOSE) {
            // a store that commits meanwhile is counted twice until the next sum: the estimate errs on the full side
            known = used() + reserved;
            knownAt = now;
        }
        return known;
    }

    /**
     * Bytes held by every model, data set and (once, however many use them) set of rows, as committed: summed
     * apart from any transaction under way, whose own additions its admission counts.
     */
    public long used() {
        Long used = apart.execute(status -> jdbc.queryForObject(
                "SELECT (SELECT COALESCE(SUM(stored_bytes), 0) FROM model) "
                        + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM dataset) "
                        + "+ (SELECT COALESCE(SUM(stored_bytes), 0) FROM row_set)", Long.class));
        return used == null ? 0 : used;
    }
}
