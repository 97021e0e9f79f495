package io.backprop.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.RowTransform;
import io.backprop.system.AdmissionLock;

/**
 * Training jobs on db-scheduler: each job is a persistent execution in the database, picked and run by exactly
 * one replica on its training threads; its replica records a heartbeat while it runs, and when the heartbeats stop
 * (the replica died) another replica picks the job up again. Admission, stop and cancel go through the database,
 * so they hold across replicas. This class also keeps the jobs running in this process, to act on them at once.
 */
@Service
public class TrainingQueue implements SmartLifecycle {

    static final String TASK = "training";
    /** How long a queue found full refuses jobs without counting it again, unless a job leaves it here. */
    private static final long RECOUNT_NANOS = 10_000_000;
    /** How often a stop waits for a job running on another replica to end. */
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private final TrainingJournal journal;
    private final TrainingEvents events;
    private final JobProperties properties;
    private final JdbcTemplate jdbc;
    private final AdmissionLock admission;
    private final TrainingMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String replica;
    private final DataSource dataSource;
    private final boolean postgres;
    private final CustomTask<Void> task = Tasks.custom(TASK, Void.class).execute(this::execute);
    /** Made at each start: a scheduler does not start again once stopped (test contexts pause and restart). */
    private volatile Scheduler scheduler;
    private final Map<String, TrainingRun> running = new ConcurrentHashMap<>();
    private volatile boolean started;
    private final QueueRoom room;

    TrainingQueue(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transaction, TrainingJournal journal,
            TrainingEvents events, JobProperties properties, Clock clock, AdmissionLock admission,
            TrainingMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
        this.admission = admission;
        this.events = events;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        String name = properties.replicaName();
        this.replica = name.length() > 50 ? name.substring(0, 50) : name;
        this.dataSource = dataSource;
        this.postgres = isPostgres(jdbc);
        this.room = new QueueRoom(() -> properties.queueCapacity() - journal.queued(), properties.queueCapacity(),
                RECOUNT_NANOS, System::nanoTime);
    }

    private Scheduler newScheduler() {
        // below requests: on a JVM started with -XX:ThreadPriorityPolicy=1 (the run command, the image) that is
        // nice 4, and a prediction waits less for a core (measured with two W4 jobs training: p99 10.7 ms → 8.2 ms,
        // idle 4.8 ms); without the flag Java ignores thread priorities
        CustomizableThreadFactory trainers = new CustomizableThreadFactory("training-");
        trainers.setThreadPriority(Thread.MIN_PRIORITY);
        // scheduling joins the transaction under way, so a job is queued with the admission that counted it
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task))
                .threads(properties.threads())
                .executorService(Executors.newFixedThreadPool(properties.threads(), trainers))
                .schedulerName(new SchedulerName.Fixed(replica))
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .shutdownMaxWait(Duration.ofSeconds(30))
                .enableImmediateExecution();
        if (postgres) {
            // SELECT … FOR UPDATE SKIP LOCKED: replicas fetch different jobs without competing for them
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        return builder.build();
    }

    private static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> connection.getMetaData()
                .getDatabaseProductName().equalsIgnoreCase("PostgreSQL")));
    }

    /**
     * Queues the job of a new model, in the caller's transaction if there is one. Admissions take one row lock in
     * turn, held until that transaction ends, so that replicas together never let more than the queue capacity
     * wait; the scheduler is told to look for the job once it is committed.
     *
     * @throws QueueFullException when as many jobs wait as the queue holds
     */
    public void submit(String modelId) {
        transaction.executeWithoutResult(status -> {
            admission.hold();
            if (journal.queued() > properties.queueCapacity()) {
                room.foundFull();
                refuse();
            }
            scheduler.schedule(task.instance(modelId), clock.instant());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        });
    }

    /**
     * Refuses a job before anything of it is stored when the queue is full already, as far as {@link QueueRoom}
     * knows; {@link #submit} checks again under the lock, as the queue may fill meanwhile.
     *
     * @throws QueueFullException when as many jobs wait as the queue holds
     */
    public void requireRoom() {
        if (!room.take()) {
            refuse();
        }
    }

    /** A request let through for a place gives it back: its job trained at once and never entered the queue. */
    public void notQueued() {
        room.freed();
    }

    private void refuse() {
        throw new QueueFullException(properties.queueCapacity(), properties.retryAfter());
    }

    /** On a training thread: runs the job, and hands it back when this replica stops before it ends. */
    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        String modelId = instance.getId();
        TrainingRun run = new TrainingRun(modelId, journal, () -> jdbc.update("DELETE FROM scheduled_tasks WHERE "
                + "task_name = ? AND task_instance = ?", TASK, modelId), events, properties, metrics);
        room.freed();
        running.put(run.modelId(), run);
        try {
            run.run();
        }
        finally {
            running.remove(run.modelId(), run);
        }
        if (run.handedBack()) {
            return (complete, operations) -> operations.reschedule(complete, clock.instant());
        }
        if (run.executionEnded()) {
            return (complete, operations) -> { };
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /**
     * Stops the job of this model if it waits or trains here; the caller records the cancellation, which a job
     * training on another replica reads within a progress interval. A job still waiting leaves the queue at once.
     */
    public void cancel(String modelId) {
        TrainingRun run = running.get(modelId);
        if (run != null) {
            run.cancel();
        }
        room.freed();
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ? AND picked = ?", TASK,
                modelId, false);
    }

    /** What became of a stop request. */
    public enum Stop {
        /** The model's job is not training anywhere. */
        NOT_RUNNING,
        /** The job ended (stored as it stopped, or ended otherwise first: the journal says which). */
        ENDED,
        /** The job was asked to end and has not yet, within the wait. */
        ENDING
    }

    /**
     * Ends the job of this model within a batch, keeping its parameters, and waits up to {@code wait} for it to
     * end. A job training on another replica is asked through the database and reads it within a progress
     * interval.
     */
    public Stop stop(String modelId, Duration wait) {
        try {
            TrainingRun run = running.get(modelId);
            if (run != null) {
                return run.stop(wait) ? Stop.ENDED : Stop.ENDING;
            }
            if (!journal.requestStop(modelId)) {
                return Stop.NOT_RUNNING;
            }
            Instant deadline = clock.instant().plus(wait);
            while (journal.control(modelId) != TrainingJournal.Control.END) {
                if (clock.instant().isAfter(deadline)) {
                    return Stop.ENDING;
                }
                Thread.sleep(STOP_POLL.toMillis());
            }
            return Stop.ENDED;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Stop.ENDING;
        }
    }

    /** The learning curve so far of a job training in this process. */
    public Optional<List<CurvePoint>> liveCurve(String modelId) {
        return Optional.ofNullable(running.get(modelId)).flatMap(TrainingRun::curveSoFar);
    }

    /**
     * The parameters of a job training in this process as they are at the end of its next epoch (if one ends
     * within {@code wait}), with its network and its rows' transform.
     */
    public Optional<Live> live(String modelId, Duration wait) {
        return Optional.ofNullable(running.get(modelId)).flatMap(run -> run.live(wait));
    }

    /** A training network as it is now. */
    public record Live(NetworkSpec spec, RowTransform transform, Parameters parameters) {
    }

    /** Whether the model's job trains in this process (its events come from here, not from the database). */
    public boolean runsHere(String modelId) {
        return running.containsKey(modelId);
    }

    /**
     * Takes back at once the jobs this replica had picked when it stopped (it is the same replica, so nobody else
     * runs them), queues unfinished jobs that have no execution (accepted just before a crash), then starts.
     */
    @Override
    public void start() {
        jdbc.update("UPDATE scheduled_tasks SET picked = ?, picked_by = NULL, last_heartbeat = NULL, "
                + "version = version + 1 WHERE picked_by = ?", false, replica);
        scheduler = newScheduler();
        for (String modelId : journal.unfinished()) {
            scheduler.scheduleIfNotExists(task.instance(modelId), clock.instant());
        }
        scheduler.start();
        started = true;
    }

    /** Hands the running jobs back (they run again here after a restart, or on another replica), then stops. */
    @Override
    public void stop() {
        running.values().forEach(TrainingRun::shutDown);
        scheduler.stop();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Whether the scheduler picks and runs jobs here (it does not while the replica stops). */
    boolean picking() {
        Scheduler current = scheduler;
        return current != null && current.getSchedulerState().isStarted()
                && !current.getSchedulerState().isShuttingDown();
    }

    String replica() {
        return replica;
    }

    int runningHere() {
        return running.size();
    }
}
