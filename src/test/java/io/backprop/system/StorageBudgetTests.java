package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** The store's budget: concurrent stores never share the last room, and a failed store gives its room back. */
class StorageBudgetTests {

    private static final long BUDGET = 1000;

    private JdbcTemplate jdbc;

    private StorageBudget budget(String name) {
        SUM_STARTED.set(false);
        SUM_ENDED.set(false);
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(database);
        for (String table : List.of("model", "dataset", "row_set")) {
            jdbc.execute("CREATE TABLE " + table + " (stored_bytes BIGINT)");
        }
        jdbc.update("INSERT INTO model VALUES (100)");
        RequestLimits limits = new RequestLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10), 1, 100, 10, 5,
                3, 50, 1000, 2000, 10, 10, 5, DataSize.ofMegabytes(1), DataSize.ofBytes(BUDGET),
                DataSize.ofMegabytes(10), 1e13);
        return new StorageBudget(jdbc, new DataSourceTransactionManager(database), limits);
    }

    @Test
    void concurrentStoresNeverShareTheLastRoom() throws Exception {
        StorageBudget budget = budget("budget-race");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch storing = new CountDownLatch(1);
        AtomicInteger stored = new AtomicInteger();
        List<Future<Boolean>> admitted = new ArrayList<>();
        // 900 bytes free: at most nine of these 100-byte stores fit, all storing at the same time
        for (int i = 0; i < 16; i++) {
            admitted.add(threads.submit(() -> {
                try {
                    budget.admit(100, () -> {
                        stored.incrementAndGet();
                        await(storing);
                        // the row that records its bytes, committed at the end of its transaction
                        jdbc.update("INSERT INTO model VALUES (100)");
                    });
                    return true;
                }
                catch (ErrorResponseException full) {
                    return false;
                }
            }));
        }
        Thread.sleep(300);
        int atOnce = stored.get();
        storing.countDown();
        long accepted = 0;
        for (Future<Boolean> future : admitted) {
            accepted += future.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        threads.shutdown();

        assertThat(accepted).isEqualTo(9);
        assertThat(atOnce).as("stores under way at once, none waiting for another to commit").isEqualTo(9);
    }

    @Test
    void aFailedStoreGivesItsRoomBack() {
        StorageBudget budget = budget("budget-failure");

        assertThatThrownBy(() -> budget.admit(900, () -> {
            throw new IllegalStateException("the transaction rolled back");
        })).isInstanceOf(IllegalStateException.class);
        budget.admit(900, () -> jdbc.update("INSERT INTO dataset VALUES (900)"));
        assertThatThrownBy(() -> budget.admit(1, () -> { })).isInstanceOf(ErrorResponseException.class);
    }

    /**
     * A sum taken once the estimate is stale (here made to take 600 ms) holds up no other admission: one admitted
     * meanwhile returns before that sum has ended, and the sum then counts what was admitted while it ran.
     */
    @Test
    void aStaleSumHoldsUpNoOtherAdmission() throws Exception {
        StorageBudget budget = budget("budget-slow-sum");
        budget.admit(100, () -> jdbc.update("INSERT INTO model VALUES (100)"));
        jdbc.execute("CREATE ALIAS SLOW_SUM FOR \"" + SlowSum.class.getName() + ".bytes\"");
        jdbc.execute("ALTER TABLE row_set RENAME TO row_set_rows");
        jdbc.execute("CREATE VIEW row_set AS SELECT stored_bytes FROM row_set_rows UNION ALL SELECT SLOW_SUM()");
        Thread.sleep(1100);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        Future<?> summing = threads.submit(() -> budget.admit(100, () -> jdbc.update("INSERT INTO model VALUES (100)")));
        for (int wait = 0; !SUM_STARTED.get() && wait < 400; wait++) {
            Thread.sleep(5);
        }
        assertThat(SUM_STARTED).as("the stale estimate was summed again").isTrue();

        budget.admit(500, () -> jdbc.update("INSERT INTO dataset VALUES (500)"));
        boolean sumEndedFirst = SUM_ENDED.get();
        summing.get(10, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(sumEndedFirst).as("the admission waited for the sum").isFalse();
        // 800 stored of 1000: the 500 admitted while the sum ran are counted, so 201 more do not fit
        assertThatThrownBy(() -> budget.admit(201, () -> { })).isInstanceOf(ErrorResponseException.class);
        budget.admit(200, () -> { });
    }

    /** A sum that took 600 ms is not taken again a second later: the next waits a hundred times as long. */
    @Test
    void aSlowSumIsTakenSeldom() throws Exception {
        StorageBudget budget = budget("budget-seldom-sum");
        jdbc.execute("CREATE ALIAS SLOW_SUM FOR \"" + SlowSum.class.getName() + ".bytes\"");
        jdbc.execute("CREATE VIEW slow AS SELECT SLOW_SUM() AS stored_bytes");
        jdbc.execute("ALTER TABLE row_set RENAME TO row_set_rows");
        jdbc.execute("CREATE VIEW row_set AS SELECT stored_bytes FROM row_set_rows UNION ALL SELECT * FROM slow");
        budget.admit(100, () -> jdbc.update("INSERT INTO model VALUES (100)"));
        assertThat(SUM_ENDED).as("the first admission summed").isTrue();
        Thread.sleep(1100);
        SUM_STARTED.set(false);

        budget.admit(100, () -> jdbc.update("INSERT INTO model VALUES (100)"));

        assertThat(SUM_STARTED).as("summed again a second after a sum of 600 ms").isFalse();
        // the estimate still counts every admission: 300 stored, so 701 more do not fit
        assertThatThrownBy(() -> budget.admit(701, () -> { })).isInstanceOf(ErrorResponseException.class);
        budget.admit(700, () -> { });
    }

    private static final AtomicBoolean SUM_STARTED = new AtomicBoolean();
    private static final AtomicBoolean SUM_ENDED = new AtomicBoolean();

    /** Called by the database in the view the sums read. */
    public static final class SlowSum {

        /** No bytes, after 600 ms. */
        public static long bytes() throws InterruptedException {
            SUM_STARTED.set(true);
            Thread.sleep(600);
            SUM_ENDED.set(true);
            return 0;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
