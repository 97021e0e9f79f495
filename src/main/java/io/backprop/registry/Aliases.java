package io.backprop.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The aliases of names' versions, one row each, so that moving one is a single atomic write. */
@Component
class Aliases {

    private final JdbcTemplate jdbc;

    Aliases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Alias → version, by alias. */
    Map<String, Integer> of(String owner, String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        jdbc.query("SELECT alias, version FROM model_alias WHERE owner = ? AND name = ? ORDER BY alias",
                row -> {
                    aliases.put(row.getString("alias"), row.getInt("version"));
                }, owner, name);
        return aliases;
    }

    Optional<Integer> version(String owner, String name, String alias) {
        return jdbc.queryForList("SELECT version FROM model_alias WHERE owner = ? AND name = ? AND alias = ?",
                Integer.class, owner, name, alias).stream().findFirst();
    }

    /** Points the alias at the version, creating it if need be. */
    void put(String owner, String name, String alias, int version, Instant now) {
        if (move(owner, name, alias, version, now)) {
            return;
        }
        try {
            jdbc.update("INSERT INTO model_alias (owner, name, alias, version, updated_at) VALUES (?, ?, ?, ?, ?)",
                    owner, name, alias, version, Timestamp.from(now));
        }
        catch (DuplicateKeyException createdMeanwhile) {
            move(owner, name, alias, version, now);
        }
    }

    private boolean move(String owner, String name, String alias, int version, Instant now) {
        return jdbc.update("UPDATE model_alias SET version = ?, updated_at = ? WHERE owner = ? AND name = ? AND alias = ?",
                version, Timestamp.from(now), owner, name, alias) > 0;
    }

    boolean remove(String owner, String name, String alias) {
        return jdbc.update("DELETE FROM model_alias WHERE owner = ? AND name = ? AND alias = ?", owner, name,
                alias) > 0;
    }

    List<String> pointingAt(String owner, String name, int version) {
        return jdbc.queryForList("SELECT alias FROM model_alias WHERE owner = ? AND name = ? AND version = ? "
                + "ORDER BY alias", String.class, owner, name, version);
    }
}
