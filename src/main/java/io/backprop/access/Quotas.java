package io.backprop.access;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.system.AdmissionLock;
import io.backprop.web.Problems;

/**
 * What one owner may hold at once: jobs queued or running, stored models, rows in stored data sets. Checked in
 * the transaction that stores, under the {@link AdmissionLock}, so that requests on any replica cannot together
 * pass a quota. Admins (and the loopback mode's local user) are not held to quotas.
 */
@Component
public class Quotas {

    private final JdbcTemplate jdbc;
    private final AdmissionLock admission;
    private final AccessProperties.Quotas quotas;

    Quotas(JdbcTemplate jdbc, AdmissionLock admission, AccessProperties properties) {
        this.jdbc = jdbc;
        this.admission = admission;
        this.quotas = properties.quotas();
    }

    /**
     * Admits one more model, with its job, for the caller.
     *
     * @throws ErrorResponseException 429 past the jobs quota, 403 past the models quota
     */
    public void admitModel() {
        limitedOwner().ifPresent(owner -> {
            admission.hold();
            long active = count("SELECT COUNT(*) FROM model WHERE owner = ? AND status IN ('QUEUED', 'RUNNING')",
                    owner);
            check(HttpStatus.TOO_MANY_REQUESTS, "max-active-jobs", owner, active, 1, quotas.maxActiveJobs(),
                    "jobs queued or running", "Wait for one to end, or cancel one.");
            long models = count("SELECT COUNT(*) FROM model WHERE owner = ?", owner);
            check(HttpStatus.FORBIDDEN, "max-models", owner, models, 1, quotas.maxModels(), "models stored",
                    "Delete models you no longer need.");
        });
    }

    /**
     * Admits {@code rows} more data-set rows for the caller.
     *
     * @throws ErrorResponseException 403 past the rows quota
     */
    public void admitDatasetRows(long rows) {
        limitedOwner().ifPresent(owner -> {
            admission.hold();
            checkRows(owner, rows);
        });
    }

    /**
     * Checks, before an upload is read, that the caller has room for any rows at all; {@link #admitDatasetRows}
     * settles it once the rows are counted.
     *
     * @throws ErrorResponseException 403 when the rows quota is used up
     */
    public void requireDatasetRowsRoom() {
        limitedOwner().ifPresent(owner -> checkRows(owner, 1));
    }

    private void checkRows(String owner, long adding) {
        long stored = count("SELECT COALESCE(SUM(row_count), 0) FROM dataset WHERE owner = ?", owner);
        check(HttpStatus.FORBIDDEN, "max-dataset-rows", owner, stored, adding, quotas.maxDatasetRows(),
                "rows in data sets", "Delete data sets you no longer need.");
    }

    private static Optional<String> limitedOwner() {
        return Caller.current().filter(Caller::limited).map(Caller::owner);
    }

    private long count(String sql, String owner) {
        Long count = jdbc.queryForObject(sql, Long.class, owner);
        return count == null ? 0 : count;
    }

    private static void check(HttpStatus status, String quota, String owner, long used, long adding, long limit,
            String what, String remedy) {
        if (used + adding > limit) {
            ErrorResponseException refused = Problems.exception(status, "quota-exceeded", "Quota reached",
                    "Owner " + owner + " has " + used + " " + what + "; the quota is " + limit
                            + " (backprop.security.quotas." + quota + "). " + remedy);
            refused.getBody().setProperties(Map.of("quota", quota, "limit", limit, "current", used,
                    "requested", adding));
            throw refused;
        }
    }
}
