package io.backprop.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.backprop.access.Caller;
import io.backprop.dataset.RowStore;
import io.backprop.metrics.Metrics;
import io.backprop.model.spec.ModelSpec;

/**
 * The caller's models as versions of their names: every model that succeeded is the next version of its name
 * (among its owner's models), numbered when it succeeds; failed and cancelled ones take no number.
 */
@Component
public class ModelVersions {

    private final ModelRepository models;
    private final ModelDatasetRepository datasets;
    private final RowStore rows;
    private final JdbcTemplate jdbc;

    ModelVersions(ModelRepository models, ModelDatasetRepository datasets, RowStore rows, JdbcTemplate jdbc) {
        this.models = models;
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.rows = rows;
    }

    /** One version: the model, what it was trained from (spec with its seed, the rows' SHA-256) and its metrics. */
    public record Version(int version, String modelId, ModelSpec spec, String dataSha256, Metrics metrics,
            Instant createdAt, Instant finishedAt) {
    }

    /** A name with versions: how many, and the latest. */
    public record Name(String name, int versions, int latest) {
    }

    /** The names the caller has versions of, in alphabetical order. */
    public List<Name> names() {
        return jdbc.query("""
                SELECT name, COUNT(*) AS versions, MAX(version) AS latest FROM model
                WHERE owner = ? AND version IS NOT NULL GROUP BY name ORDER BY name""",
                (row, number) -> new Name(row.getString("name"), row.getInt("versions"), row.getInt("latest")),
                Caller.newOwner());
    }

    /** The versions of a name, oldest first; empty when the caller has none of that name. */
    public List<Version> of(String name) {
        return models.findByOwnerAndNameAndVersionNotNull(Caller.newOwner(), name, Sort.by("version")).stream()
                .map(this::version).toList();
    }

    public Optional<Version> find(String name, int version) {
        return models.findByOwnerAndNameAndVersion(Caller.newOwner(), name, version).map(this::version);
    }

    /**
     * The model id of a version of a name, or of its latest version when {@code version} is null: one indexed
     * query, for requests that name a model by its name.
     */
    public Optional<String> modelId(String name, Integer version) {
        List<String> ids = version == null
                ? jdbc.queryForList("SELECT id FROM model WHERE owner = ? AND name = ? AND version IS NOT NULL "
                        + "ORDER BY version DESC LIMIT 1", String.class, Caller.newOwner(), name)
                : jdbc.queryForList("SELECT id FROM model WHERE owner = ? AND name = ? AND version = ?",
                        String.class, Caller.newOwner(), name, version);
        return ids.stream().findFirst();
    }

    private Version version(Model model) {
        String sha256 = datasets.findById(model.id()).map(stored -> rows.get(stored.rowSetId()).sha256()).orElse(null);
        return new Version(model.version(), model.id(), model.spec(), sha256, model.metrics(), model.createdAt(),
                model.finishedAt());
    }
}
