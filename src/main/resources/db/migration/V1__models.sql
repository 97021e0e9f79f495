-- Portable between H2 (the embedded default) and PostgreSQL.
CREATE TABLE model (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    name        VARCHAR(200)             NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    task        VARCHAR(16)              NOT NULL,
    spec        TEXT                     NOT NULL,
    epoch       INTEGER                  NOT NULL,
    cost        DOUBLE PRECISION,
    metrics     TEXT,
    error       TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX model_created_at ON model (created_at);
CREATE INDEX model_status_created_at ON model (status, created_at);

CREATE TABLE model_dataset (
    model_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES model (id) ON DELETE CASCADE,
    content  TEXT        NOT NULL
);

CREATE TABLE model_result (
    model_id       VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES model (id) ON DELETE CASCADE,
    parameters     TEXT        NOT NULL,
    learning_curve TEXT        NOT NULL
);
