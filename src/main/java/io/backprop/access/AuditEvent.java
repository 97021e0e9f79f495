package io.backprop.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * One entry of the audit trail: when, which key (its id; "admin" for the configured admin key, "local" without a
 * key on the loopback interface) of which owner, did what (e.g. {@code model.delete}) to which resource (e.g.
 * {@code model/<id>}).
 */
public record AuditEvent(@Id Long id, Instant at, String keyId, String owner, String action, String resource) {
}
