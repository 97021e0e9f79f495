-- Hyper-parameter searches: each trial is a model that points at its search (and is left out of the default
-- model list and of the registry until registered).
CREATE TABLE model_search (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    owner       VARCHAR(100)             NOT NULL,
    key_id      VARCHAR(36)              NOT NULL,
    role        VARCHAR(10)              NOT NULL,
    request     TEXT                     NOT NULL,
    plan        TEXT                     NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    outcome     VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX search_owner_created ON model_search (owner, created_at);
CREATE INDEX search_status ON model_search (status);

ALTER TABLE model ADD COLUMN search_id VARCHAR(36);
ALTER TABLE model ADD COLUMN trial INTEGER;
CREATE UNIQUE INDEX model_search_trial ON model (search_id, trial);
