-- A model's name groups its versions: each successful training under a name (per owner) becomes its next
-- version. Models that succeeded before this version are numbered in the order they finished.
ALTER TABLE model ADD COLUMN version INTEGER;
UPDATE model SET version = (SELECT COUNT(*) FROM model m WHERE m.owner = model.owner AND m.name = model.name
        AND m.status = 'SUCCEEDED'
        AND (m.finished_at < model.finished_at OR (m.finished_at = model.finished_at AND m.id <= model.id)))
    WHERE status = 'SUCCEEDED';
CREATE UNIQUE INDEX model_owner_name_version ON model (owner, name, version);

-- Movable names for versions (champion, staging): one row per alias, so moving one is one atomic update.
CREATE TABLE model_alias (
    owner      VARCHAR(100)             NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    alias      VARCHAR(50)              NOT NULL,
    version    INTEGER                  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner, name, alias)
);
