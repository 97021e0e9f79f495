package io.backprop.system;

import java.util.concurrent.atomic.AtomicBoolean;

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
 * a time), and a store that fails gives its reservation back. The sum grows with the rows, so while the store is
 * far from full ({@link #CLOSE}) it is taken at most once a second, by one request and outside the lock (under it,
 * every admission waited for a sum over thousands of models), and the bytes admitted meanwhile are added to it
 * (deletes show at the next sum: the estimate errs on the full side). A sum over many rows takes long (140 ms
 * over 25,000 models in H2, a seventh of a core at one a second), so the next waits a hundred times as long as
 * the last took. Near the limit, and before the first sum, it is taken under the lock for every request.
 */
@Component
public class StorageBudget {

    /** Below this share of the budget, the use may be an estimate up to {@link #FRESH_NANOS} old. */
    private static final double CLOSE = 0.9;
    private static final long FRESH_NANOS = 1_000_000_000L;
    /** A sum waits at least this many times as long as the last one took: the sums take at most 1% of a core. */
    private static final long SUM_SPACING = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate apart;
    private final long maxBytes;
    private final AtomicBoolean summing = new AtomicBoolean();
    private long known;
    private volatile boolean summed;
    /** Bytes reserved by stores under way: not yet in the sum, which is taken apart from their transactions. */
    private long reserved;
    /** Every byte ever admitted: what was admitted while a sum was taken is this difference. */
    private long admitted;
    /** When {@link #known} was summed. */
    private volatile long knownAt;
    /** How long after {@link #knownAt} the estimate is stale. */
    private volatile long staleAfter = FRESH_NANOS;

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
        sumIfStale();
        synchronized (this) {
            checkRoom(bytes);
            known += bytes;
            reserved += bytes;
            admitted += bytes;
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
    public void requireRoom(long bytes) {
        sumIfStale();
        synchronized (this) {
            checkRoom(bytes);
        }
    }

    private void checkRoom(long bytes) {
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
        if (!summed || known + adding > maxBytes * CLOSE) {
            // a store that commits meanwhile is counted twice until the next sum: the estimate errs on the full side
            known = timedUsed() + reserved;
            summed = true;
        }
        return known;
    }

    /**
     * Sums the use again, outside the lock, when the estimate is over a second old and no other request is at it.
     * A store that commits while the sum is taken was reserved when it began, or admitted since: both are added.
     */
    private void sumIfStale() {
        if (!summed || System.nanoTime() - knownAt <= staleAfter || !summing.compareAndSet(false, true)) {
            return;
        }
        try {
            long reservedBefore;
            long admittedBefore;
            synchronized (this) {
                reservedBefore = reserved;
                admittedBefore = admitted;
            }
            long used = timedUsed();
            synchronized (this) {
                known = used + reservedBefore + admitted - admittedBefore;
            }
        }
        finally {
            summing.set(false);
        }
    }

    /** {@link #used()}, noting when it was summed and when the next sum is due. */
    private long timedUsed() {
        long began = System.nanoTime();
        long used = used();
        knownAt = System.nanoTime();
        staleAfter = Math.max(FRESH_NANOS, (knownAt - began) * SUM_SPACING);
        return used;
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
