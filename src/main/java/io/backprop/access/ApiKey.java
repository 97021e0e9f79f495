package io.backprop.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** A key as stored: its owner and role, and a SHA-256 of the key itself, which is never stored. */
record ApiKey(@Id String id, String owner, Role role, String hash, Instant createdAt, Instant revokedAt) {
}
