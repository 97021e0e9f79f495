package io.backprop.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.metrics.Metrics;
import io.backprop.model.ModelDeleting;
import io.backprop.model.ModelService;
import io.backprop.model.ModelVersions;
import io.backprop.model.ModelVersions.Version;
import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.NotFoundException;
import io.backprop.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names, their versions and aliases, among the caller's models. A reference to a version (by number, by alias, or
 * the latest) is resolved to a model id when a request starts, and the request is answered by that model whole;
 * an alias moved on any replica is followed here within {@link #RESOLVED_FOR}.
 */
@Service
public class Registry {

    /** Aliases start with a letter, so that a version segment of digits is always a version number. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,49}");
    private static final Duration RESOLVED_FOR = Duration.ofMillis(500);

    private final ModelVersions versions;
    private final Aliases aliases;
    private final ModelService models;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json;
    /** Owner, name and alias → the model id the alias pointed at, for a short while. */
    private final Cache<List<String>, String> resolved = Caffeine.newBuilder().expireAfterWrite(RESOLVED_FOR)
            .maximumSize(10_000).build();

    Registry(ModelVersions versions, Aliases aliases, ModelService models, AuditTrail audit, Clock clock,
            JsonMapper json) {
        this.versions = versions;
        this.aliases = aliases;
        this.models = models;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /** A name as listed: how many versions, the latest, and its aliases. */
    record NameSummary(String name, int versions, int latest, Map<String, Integer> aliases) {
    }

    /** A name with every version and its aliases. */
    record NameView(String name, List<VersionView> versions, Map<String, Integer> aliases) {
    }

    /** A version: its model, what it was trained from, its metrics. */
    record VersionView(int version, String modelId, long seed, String dataSha256, Metrics metrics,
            Instant createdAt, Instant finishedAt, List<String> aliases) {
    }

    List<NameSummary> names() {
        String owner = Caller.newOwner();
        return versions.names().stream().map(name -> new NameSummary(name.name(), name.versions(), name.latest(),
                aliases.of(owner, name.name()))).toList();
    }

    NameView describe(String name) {
        List<Version> all = versions.of(name);
        if (all.isEmpty()) {
            throw new NotFoundException("registered name", name);
        }
        Map<String, Integer> named = aliases.of(Caller.newOwner(), name);
        return new NameView(name, all.stream().map(version -> new VersionView(version.version(), version.modelId(),
                version.spec().training().seed(), version.dataSha256(), version.metrics(), version.createdAt(),
                version.finishedAt(), named.entrySet().stream().filter(alias -> alias.getValue() == version.version())
                        .map(Map.Entry::getKey).toList())).toList(), named);
    }

    /** The model id of a version, or of the latest one when {@code version} is null. */
    public String versionId(String name, Integer version) {
        return versions.modelId(name, version).orElseThrow(() -> version == null
                ? new NotFoundException("registered name", name)
                : new NotFoundException("version", name + " " + version));
    }

    /** The model id the alias points at (within {@link #RESOLVED_FOR} of its last move). */
    public String aliasId(String name, String alias) {
        String owner = Caller.newOwner();
        return resolved.get(List.of(owner, name, alias), key -> aliases.version(owner, name, alias)
                .flatMap(version -> versions.modelId(name, version))
                .orElseThrow(() -> new NotFoundException("alias", name + "@" + alias)));
    }

    /** Points the alias at the version (creating or moving it), in one write. */
    Map<String, Object> setAlias(String name, String alias, Integer version) {
        if (!ALIAS.matcher(alias).matches()) {
            throw new InvalidRequestException(List.of(FieldViolation.of("alias", alias,
                    "must be a letter, then up to 49 letters, digits, '_' or '-'")));
        }
        if (version == null || version < 1) {
            throw new InvalidRequestException(List.of(FieldViolation.of("version", version, version == null
                    ? "must be given" : "must be a version number, from 1")));
        }
        versionId(name, version);
        aliases.put(Caller.newOwner(), name, alias, version, clock.instant());
        resolved.invalidate(List.of(Caller.newOwner(), name, alias));
        audit.record("alias.set", "registry/" + name + "@" + alias + "=" + version);
        return Map.of("name", name, "alias", alias, "version", version);
    }

    void removeAlias(String name, String alias) {
        if (!aliases.remove(Caller.newOwner(), name, alias)) {
            throw new NotFoundException("alias", name + "@" + alias);
        }
        resolved.invalidate(List.of(Caller.newOwner(), name, alias));
        audit.record("alias.delete", "registry/" + name + "@" + alias);
    }

    void deleteVersion(String name, int version) {
        models.delete(versionId(name, version));
    }

    VersionComparison compare(String name, int from, int to) {
        Version before = versions.find(name, from)
                .orElseThrow(() -> new NotFoundException("version", name + " " + from));
        Version after = versions.find(name, to).orElseThrow(() -> new NotFoundException("version", name + " " + to));
        return VersionComparison.of(name, before, after, json);
    }

    /** A version an alias points at stays: the alias must be moved or removed first. */
    @EventListener
    void refuseAliasedVersion(ModelDeleting deleting) {
        if (deleting.version() == null) {
            return;
        }
        List<String> pointing = aliases.pointingAt(deleting.owner(), deleting.name(), deleting.version());
        if (!pointing.isEmpty()) {
            ErrorResponseException refused = Problems.exception(HttpStatus.CONFLICT, "version-has-aliases",
                    "Version has aliases", "Version " + deleting.version() + " of " + FieldViolation.describe(
                            deleting.name()) + " is what " + String.join(", ", pointing) + " point"
                            + (pointing.size() == 1 ? "s" : "") + " at; move or delete "
                            + (pointing.size() == 1 ? "that alias" : "those aliases") + " first.");
            refused.getBody().setProperty("aliases", pointing);
            throw refused;
        }
    }
}
