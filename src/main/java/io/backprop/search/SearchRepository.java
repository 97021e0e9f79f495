package io.backprop.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Searches; ending one names the state it ends from, so that a cancel and a finish cannot both take effect. */
interface SearchRepository extends ListCrudRepository<ModelSearch, String> {

    List<ModelSearch> findByOwnerOrderByCreatedAtDesc(String owner);

    List<ModelSearch> findAllByOrderByCreatedAtDesc();

    @Query("SELECT id FROM model_search WHERE status = 'RUNNING'")
    List<String> running();

    long countByOwnerAndStatus(String owner, SearchStatus status);

    /** Locks a running search's row until the transaction ends, so that one replica at a time advances it. */
    @Query("SELECT id FROM model_search WHERE id = :id AND status = 'RUNNING' FOR UPDATE")
    Optional<String> lockIfRunning(String id);

    @Modifying
    @Query("""
            UPDATE model_search SET status = :status, outcome = :outcome, finished_at = :now
            WHERE id = :id AND status = 'RUNNING'""")
    boolean end(String id, SearchStatus status, String outcome, Instant now);
}
