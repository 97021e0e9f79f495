package io.backprop.model;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

import io.backprop.metrics.Metrics;

/**
 * Models, and the moves between their states. Each move names the state it starts from, so that of two
 * concurrent moves (a job finishing while a client cancels it) exactly one takes effect.
 */
interface ModelRepository extends ListCrudRepository<Model, String>,
        PagingAndSortingRepository<Model, String> {

    Page<Model> findByStatus(ModelStatus status, Pageable pageable);

    List<Model> findByStatusInOrderByCreatedAt(List<ModelStatus> statuses);

    @Modifying
    @Query("UPDATE model SET status = 'RUNNING', started_at = :now WHERE id = :id AND status = 'QUEUED'")
    boolean markRunning(String id, Instant now);

    @Modifying
    @Query("UPDATE model SET epoch = :epoch, cost = :cost WHERE id = :id AND status = 'RUNNING'")
    boolean recordProgress(String id, int epoch, double cost);

    @Modifying
    @Query("""
            UPDATE model SET status = 'SUCCEEDED', epoch = :epoch, cost = :cost, fit = :fit, metrics = :metrics,
                outcome = :outcome, finished_at = :now
            WHERE id = :id AND status = 'RUNNING'""")
    boolean markSucceeded(String id, int epoch, double cost, DataFit fit, Metrics metrics, Outcome outcome,
            Instant now);

    @Modifying
    @Query("UPDATE model SET status = 'FAILED', error = :error, finished_at = :now WHERE id = :id AND status = 'RUNNING'")
    boolean markFailed(String id, String error, Instant now);

    @Modifying
    @Query("""
            UPDATE model SET status = 'CANCELLED', finished_at = :now
            WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
    boolean markCancelled(String id, Instant now);

    /** Puts jobs a stopped process left behind back in the queue, from the start. */
    @Modifying
    @Query("""
            UPDATE model SET status = 'QUEUED', epoch = 0, cost = NULL, started_at = NULL
            WHERE status IN ('QUEUED', 'RUNNING')""")
    int requeueUnfinished();
}
