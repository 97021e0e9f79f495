-- The last checkpoint of a running job (parameters, optimizer state, early stopping's best, the curve so far):
-- a job whose replica died or stopped goes on from it on another replica.
CREATE TABLE model_checkpoint (
    model_id   VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES model (id) ON DELETE CASCADE,
    epochs     INTEGER                  NOT NULL,
    content    BYTEA                      NOT NULL,
    curve      TEXT                     NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL
);
