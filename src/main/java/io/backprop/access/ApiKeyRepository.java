package io.backprop.access;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface ApiKeyRepository extends ListCrudRepository<ApiKey, String>, PagingAndSortingRepository<ApiKey, String> {

    /** The key of this hash, unless it was revoked. */
    @Query("SELECT * FROM api_key WHERE hash = :hash AND revoked_at IS NULL")
    Optional<ApiKey> findValid(String hash);

    @Modifying
    @Query("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    boolean revoke(String id, Instant now);
}
