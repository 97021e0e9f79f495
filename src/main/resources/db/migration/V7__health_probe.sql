-- One row the readiness probe writes to, so that a database that still answers reads but refuses writes
-- (full disk, closed after an error, read-only) turns readiness DOWN.
CREATE TABLE health_probe (
    id         INTEGER                  NOT NULL PRIMARY KEY,
    checked_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO health_probe (id, checked_at) VALUES (1, NULL);
