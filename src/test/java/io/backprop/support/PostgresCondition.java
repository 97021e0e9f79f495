package io.backprop.support;

class PostgresCondition extends RequiredTool {

    PostgresCondition() {
        super("BACKPROP_REQUIRE_POSTGRES");
    }

    @Override
    String missing() {
        return TestPostgres.reachable() ? null : "PostgreSQL does not answer at " + TestPostgres.URL
                + "; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    }
}
