package io.backprop.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.backprop.system.ResourceIds;
import io.backprop.web.NotFoundException;

/**
 * Creates, lists, revokes and recognises API keys. A key is 256 random bits, shown once; only its SHA-256 is
 * stored (a slow password hash buys nothing for a random key of that length, and every request checks one). A key
 * is looked up in the database on every request, so a revoked key is refused at once, on every replica.
 */
@Service
public class ApiKeys {

    private static final String PREFIX = "bp_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Caller ADMIN = new Caller("admin", "admin", Role.ADMIN);

    private final ApiKeyRepository keys;
    private final JdbcAggregateOperations aggregates;
    private final AuditTrail audit;
    private final Clock clock;
    private final byte[] adminKeyHash;

    ApiKeys(ApiKeyRepository keys, JdbcAggregateOperations aggregates, AuditTrail audit, Clock clock,
            AccessProperties properties) {
        this.keys = keys;
        this.aggregates = aggregates;
        this.audit = audit;
        this.clock = clock;
        this.adminKeyHash = properties.adminKey().isEmpty() ? null : sha256(properties.adminKey());
    }

    /** A new key as created: the only time the key itself is shown. */
    record NewKey(String id, String key, String owner, Role role) {
    }

    /** A key as listed: never the key itself. */
    record KeyView(String id, String owner, Role role, Instant createdAt, Instant revokedAt) {
    }

    @Transactional
    NewKey create(String owner, Role role) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey stored = aggregates.insert(new ApiKey(ResourceIds.next(), owner, role,
                HexFormat.of().formatHex(sha256(key)), clock.instant(), null));
        audit.record("key.create", "key/" + stored.id());
        return new NewKey(stored.id(), key, owner, role);
    }

    Page<KeyView> list(int page, int size) {
        return keys.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt")))
                .map(key -> new KeyView(key.id(), key.owner(), key.role(), key.createdAt(), key.revokedAt()));
    }

    /** Revokes the key; revoking it again changes nothing. */
    @Transactional
    void revoke(String id) {
        if (!ResourceIds.wellFormed(id) || !keys.existsById(id)) {
            throw new NotFoundException("key", id);
        }
        if (keys.revoke(id, clock.instant())) {
            audit.record("key.revoke", "key/" + id);
        }
    }

    /** Whether the stored key of this id was revoked (the admin key and the loopback user's never are). */
    public boolean revoked(String id) {
        return keys.findById(id).map(key -> key.revokedAt() != null).orElse(false);
    }

    /** The caller a key stands for: the configured admin key, or a stored key not revoked. */
    Optional<Caller> recognise(String key) {
        byte[] hash = sha256(key);
        if (adminKeyHash != null && MessageDigest.isEqual(hash, adminKeyHash)) {
            return Optional.of(ADMIN);
        }
        return keys.findValid(HexFormat.of().formatHex(hash))
                .map(found -> new Caller(found.id(), found.owner(), found.role()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
