package io.backprop.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
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

    Page<Model> findByStatusAndSearchIdIsNull(ModelStatus status, Pageable pageable);

    Page<Model> findBySearchIdIsNull(Pageable pageable);

    Page<Model> findByOwnerAndSearchIdIsNull(String owner, Pageable pageable);

    Page<Model> findByOwnerAndStatusAndSearchIdIsNull(String owner, ModelStatus status, Pageable pageable);

    List<Model> findBySearchIdOrderByTrial(String searchId);

    int countBySearchIdAndStatusIn(String searchId, List<ModelStatus> statuses);

    /** Registered trials outlive their search: they become ordinary models. */
    @Modifying
    @Query("UPDATE model SET search_id = NULL, trial = NULL WHERE search_id = :searchId AND version IS NOT NULL")
    void releaseRegisteredTrials(String searchId);

    List<Model> findByOwnerAndNameAndVersionNotNull(String owner, String name, Sort sort);

    Optional<Model> findByOwnerAndNameAndVersion(String owner, String name, int version);


    List<Model> findByStatusInOrderByCreatedAt(List<ModelStatus> statuses);

    int countByStatus(ModelStatus status);

    /**
     * Starts the job, or starts it again when its replica died or handed it back: from {@code epoch} (0, or that of
     * its checkpoint) with that epoch's cost (null at 0).
     */
    @Modifying
    @Query("""
            UPDATE model SET status = 'RUNNING', started_at = :now, epoch = :epoch, cost = :cost,
                attempts = attempts + 1
            WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
    boolean markRunning(String id, int epoch, Double cost, Instant now);

    /** Whether a stop was asked; empty unless the model is RUNNING. */
    @Query("SELECT stop_requested FROM model WHERE id = :id AND status = 'RUNNING'")
    Optional<Boolean> stopRequested(String id);

    @Modifying
    @Query("UPDATE model SET stop_requested = TRUE WHERE id = :id AND status = 'RUNNING'")
    boolean requestStop(String id);

    /** Whether the model is RUNNING, locking its row until the transaction ends so that it stays so meanwhile. */
    @Query("SELECT id FROM model WHERE id = :id AND status = 'RUNNING' FOR UPDATE")
    Optional<String> lockIfRunning(String id);

    @Modifying
    @Query("UPDATE model SET epoch = :epoch, cost = :cost WHERE id = :id AND status = 'RUNNING'")
    boolean recordProgress(String id, int epoch, double cost);

    /**
     * RUNNING → SUCCEEDED with the results and receipt, numbered as the next version of its name (run under the
     * admission lock); a search's trial gets no version until it is registered. The latest version is read by
     * walking the (owner, name, version) index backwards to its first entry: MAX(version), or an order that does
     * not name the whole index, made H2 read every version of the name (1.1–1.6 ms at 9,000 versions, against
     * 0.04). One statement: the three it was (status, version, receipt) took a tenth of a tiny job's time.
     */
    @Modifying
    @Query("""
            UPDATE model SET status = 'SUCCEEDED', epoch = :epoch, cost = :cost, fit = :fit, metrics = :metrics,
                outcome = :outcome, receipt = :receipt, finished_at = :now,
                version = CASE WHEN search_id IS NULL THEN COALESCE((SELECT m.version FROM model m
                    WHERE m.owner = model.owner AND m.name = model.name AND m.version IS NOT NULL
                    ORDER BY m.owner DESC, m.name DESC, m.version DESC LIMIT 1), 0) + 1 END
            WHERE id = :id AND status = 'RUNNING'""")
    boolean markSucceeded(String id, int epoch, double cost, DataFit fit, Metrics metrics, Outcome outcome,
            Receipt receipt, Instant now);

    /** Registers a search's successful trial as the next version of {@code name} (under the admission lock). */
    @Modifying
    @Query("""
            UPDATE model SET name = :name, version = COALESCE((SELECT m.version FROM model m
                WHERE m.owner = model.owner AND m.name = :name AND m.version IS NOT NULL
                ORDER BY m.owner DESC, m.name DESC, m.version DESC LIMIT 1), 0) + 1
            WHERE id = :id AND status = 'SUCCEEDED' AND version IS NULL""")
    boolean register(String id, String name);

    @Modifying
    @Query("UPDATE model SET status = 'FAILED', error = :error, finished_at = :now WHERE id = :id AND status = 'RUNNING'")
    boolean markFailed(String id, String error, Instant now);

    @Modifying
    @Query("""
            UPDATE model SET status = 'CANCELLED', finished_at = :now
            WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
    boolean markCancelled(String id, Instant now);
}
