-- Rows stored once, as binary chunks (see io.backprop.dataset.RowSetWriter), and shared by the data sets and
-- models that use them. A row set is named by the SHA-256 of its content, which stays null while its chunks are
-- being written. The chunks' binary column differs between the databases: V10 adds it.
CREATE TABLE row_set (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    sha256        VARCHAR(64)              UNIQUE,
    row_count     INTEGER                  NOT NULL,
    feature_count INTEGER                  NOT NULL,
    target_count  INTEGER                  NOT NULL,
    classes       TEXT,
    stored_bytes  BIGINT                   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE row_chunk (
    row_set_id VARCHAR(36) NOT NULL REFERENCES row_set (id) ON DELETE CASCADE,
    part       CHAR(1)     NOT NULL,
    first_row  INTEGER     NOT NULL,
    row_count  INTEGER     NOT NULL,
    float32    BOOLEAN     NOT NULL,
    PRIMARY KEY (row_set_id, part, first_row)
);

ALTER TABLE dataset ADD COLUMN row_set_id VARCHAR(36) REFERENCES row_set (id);
ALTER TABLE model_dataset ADD COLUMN row_set_id VARCHAR(36) REFERENCES row_set (id);

-- Finding the row sets nobody uses any more, after each delete
CREATE INDEX dataset_row_set ON dataset (row_set_id);
CREATE INDEX model_dataset_row_set ON model_dataset (row_set_id);
