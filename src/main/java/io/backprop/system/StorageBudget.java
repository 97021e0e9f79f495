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
 * a model, the most it will hold), and the database keeps their total as the rows change (migration V20), so the
 * store's use is read from 64 rows however many it holds (a sum over the tables took half a second at 46,000
 * models). A request's bytes are reserved before it stores them, one request at a time, so that two requests
 * cannot both take the last room; the storing itself runs outside the lock, and a store that fails gives its
 * reservation back. The total is read outside the lock and apart from the caller's transaction: the stores that
 * commit meanwhile are added from {@link #settled}.
 */
@Component
public class StorageBudget {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate apart;
    private final long maxBytes;
    /** Bytes reserved by stores under way: not yet in the total, which is read apart from their transactions. */
    private long reserved;
    /** Every byte ever stored here: what committed while the total was read is this difference. */
    private long settled;

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
        Usage usage = usage();
        synchronized (this) {
            checkRoom(usage, bytes);
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
                settled += stored ? bytes : 0;
            }
        }
    }

    /**
     * Checks, without reserving it, that the store has room for {@code bytes} more: for a long write to stop
     * early when it cannot fit, before {@link #admit} settles it.
     *
     * @throws ErrorResponseException 507 when it has not
     */
    public void requireRoom(long bytes) {
        Usage usage = usage();
        synchronized (this) {
            checkRoom(usage, bytes);
        }
    }

    /** The committed total, and how much had settled here before it was read. */
    private record Usage(long committed, long settledBefore) {
    }

    private Usage usage() {
        long settledBefore;
        synchronized (this) {
            settledBefore = settled;
        }
        return new Usage(used(), settledBefore);
    }

    /**
     * A store that committed before the total was read and settled after is counted twice: the check errs on the
     * full side, for as long as a store takes to give its reservation back.
     */
    private void checkRoom(Usage usage, long bytes) {
        long used = usage.committed() + reserved + settled - usage.settledBefore();
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

    /**
     * Bytes held by every model, data set and (once, however many use them) set of rows, as committed: read apart
     * from any transaction under way, whose own additions its admission counts.
     */
    public long used() {
        Long used = apart.execute(status -> jdbc.queryForObject("SELECT COALESCE(SUM(bytes), 0) FROM store_usage",
                Long.class));
        return used == null ? 0 : used;
    }
}
