-- The bytes every model, data set and row set holds, kept as they change (count_stored_bytes, in the changing
-- row's transaction) so that the storage budget reads 64 rows instead of summing three tables. The total is
-- spread over slots, one per server process modulo 64, so that concurrent transactions seldom wait for each
-- other's.
CREATE TABLE store_usage (
    slot  INTEGER NOT NULL PRIMARY KEY,
    bytes BIGINT  NOT NULL
);
INSERT INTO store_usage (slot, bytes) SELECT slot, 0 FROM generate_series(0, 63) AS slot;

CREATE FUNCTION count_stored_bytes() RETURNS trigger AS $$
DECLARE
    change BIGINT := CASE TG_OP
        WHEN 'INSERT' THEN NEW.stored_bytes
        WHEN 'DELETE' THEN -OLD.stored_bytes
        ELSE NEW.stored_bytes - OLD.stored_bytes END;
BEGIN
    IF change <> 0 THEN
        UPDATE store_usage SET bytes = bytes + change WHERE slot = pg_backend_pid() % 64;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER model_stored_bytes AFTER INSERT OR DELETE OR UPDATE OF stored_bytes ON model
    FOR EACH ROW EXECUTE FUNCTION count_stored_bytes();
CREATE TRIGGER dataset_stored_bytes AFTER INSERT OR DELETE OR UPDATE OF stored_bytes ON dataset
    FOR EACH ROW EXECUTE FUNCTION count_stored_bytes();
CREATE TRIGGER row_set_stored_bytes AFTER INSERT OR DELETE OR UPDATE OF stored_bytes ON row_set
    FOR EACH ROW EXECUTE FUNCTION count_stored_bytes();

-- after the triggers, whose locks keep other replicas from writing these tables until this migration commits
UPDATE store_usage SET bytes = (SELECT COALESCE(SUM(stored_bytes), 0) FROM model)
    + (SELECT COALESCE(SUM(stored_bytes), 0) FROM dataset) + (SELECT COALESCE(SUM(stored_bytes), 0) FROM row_set)
    WHERE slot = 0;
