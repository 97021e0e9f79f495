-- The bytes every model, data set and row set holds, kept as they change (StoredBytesTrigger, in the changing
-- row's transaction) so that the storage budget reads 64 rows instead of summing three tables. The total is
-- spread over slots, one per thread modulo 64, so that concurrent transactions seldom wait for each other's.
CREATE TABLE store_usage (
    slot  INTEGER NOT NULL PRIMARY KEY,
    bytes BIGINT  NOT NULL
);
INSERT INTO store_usage (slot, bytes) SELECT X, 0 FROM SYSTEM_RANGE(0, 63);
CREATE TRIGGER model_stored_bytes AFTER INSERT, UPDATE, DELETE ON model FOR EACH ROW
    CALL 'io.backprop.system.StoredBytesTrigger';
CREATE TRIGGER dataset_stored_bytes AFTER INSERT, UPDATE, DELETE ON dataset FOR EACH ROW
    CALL 'io.backprop.system.StoredBytesTrigger';
CREATE TRIGGER row_set_stored_bytes AFTER INSERT, UPDATE, DELETE ON row_set FOR EACH ROW
    CALL 'io.backprop.system.StoredBytesTrigger';

-- after the triggers: nothing else writes an embedded database while it migrates
UPDATE store_usage SET bytes = (SELECT COALESCE(SUM(stored_bytes), 0) FROM model)
    + (SELECT COALESCE(SUM(stored_bytes), 0) FROM dataset) + (SELECT COALESCE(SUM(stored_bytes), 0) FROM row_set)
    WHERE slot = 0;
