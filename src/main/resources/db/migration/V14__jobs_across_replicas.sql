-- A stop asked on any replica, seen by the replica running the job; and how often a job was started, so that a
-- job run twice shows.
ALTER TABLE model ADD COLUMN stop_requested BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE model ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;

-- One row that admissions lock, so that replicas admit jobs and bytes one at a time.
CREATE TABLE admission (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO admission (id) VALUES (1);

-- Jobs accepted before this version ran in-process: they become the scheduler's.
INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'training', id, created_at, FALSE, 1 FROM model WHERE status IN ('QUEUED', 'RUNNING');
