package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(database);
        // the running total, one row per stored row here (the service's triggers add to 64 slots)
        jdbc.execute("CREATE TABLE store_usage (bytes BIGINT)");
        store(100);
        RequestLimits limits = new RequestLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10), 1,
                DataSize.ofKilobytes(64), Duration.ofSeconds(10), 100, 10, 5, 500, 3, 50, 1000, 2000, 10, 10, 5,
                DataSize.ofMegabytes(1), DataSize.ofBytes(BUDGET), DataSize.ofMegabytes(10), 1e13);
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
                        store(100);
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
        budget.admit(900, () -> store(900));
        assertThatThrownBy(() -> budget.admit(1, () -> { })).isInstanceOf(ErrorResponseException.class);
    }

    /**
     * A store that commits and gives its reservation back while another request reads the total (here held up
     * until then) is counted by that request all the same.
     */
    @Test
    void aStoreThatCommitsWhileTheTotalIsReadIsCounted() throws Exception {
        StorageBudget budget = budget("budget-committed-meanwhile");
        jdbc.execute("ALTER TABLE store_usage RENAME TO usage_rows");
        jdbc.execute("CREATE ALIAS HELD_READ FOR \"" + HeldRead.class.getName() + ".bytes\"");
        jdbc.execute("CREATE VIEW store_usage AS SELECT bytes FROM usage_rows UNION ALL SELECT HELD_READ()");
        CountDownLatch release = new CountDownLatch(1);
        HeldRead.holding = release;
        HeldRead.held = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        Future<?> checking = threads.submit(() -> budget.requireRoom(401));
        assertThat(HeldRead.held.await(10, TimeUnit.SECONDS)).as("the total is being read").isTrue();

        budget.admit(500, () -> jdbc.update("INSERT INTO usage_rows VALUES (500)"));
        release.countDown();

        // 600 stored of 1000: 401 more do not fit
        assertThatThrownBy(() -> checking.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ErrorResponseException.class);
        threads.shutdown();
        budget.requireRoom(400);
    }

    /** Called by the database in the view the total is read from. */
    public static final class HeldRead {

        static volatile CountDownLatch holding = new CountDownLatch(0);
        static volatile CountDownLatch held = new CountDownLatch(0);

        /** No bytes, once the test lets the first read go on. */
        public static long bytes() throws InterruptedException {
            CountDownLatch first = holding;
            holding = new CountDownLatch(0);
            held.countDown();
            first.await(10, TimeUnit.SECONDS);
            return 0;
        }
    }

    private void store(long bytes) {
        jdbc.update("INSERT INTO store_usage VALUES (?)", bytes);
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
