package io.backprop.system;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One row that admissions lock, so that replicas admit jobs, models and rows one at a time: a count taken while
 * holding it stays true until the admitting transaction ends.
 */
@Component
public class AdmissionLock {

    private final JdbcTemplate jdbc;

    AdmissionLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lock (again, at no cost, if this transaction holds it) until the transaction under way ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold() {
        jdbc.queryForObject("SELECT id FROM admission WHERE id = 1 FOR UPDATE", Integer.class);
    }
}
