-- Data sets uploaded once and trained on by id; their rows apart, so that listing them stays light.
CREATE TABLE dataset (
    id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    row_count  INTEGER                  NOT NULL,
    summary    TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX dataset_created_at ON dataset (created_at);

CREATE TABLE dataset_rows (
    dataset_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES dataset (id) ON DELETE CASCADE,
    content    TEXT        NOT NULL
);

-- What a model learned from its data besides its parameters: fitted scaling, classes, how training ended.
ALTER TABLE model ADD COLUMN preprocessing TEXT;
ALTER TABLE model ADD COLUMN outcome TEXT;
