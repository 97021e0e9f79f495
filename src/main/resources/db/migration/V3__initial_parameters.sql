-- A model that continues another's training keeps its starting parameters, so that it can be run again
-- after a restart even if the other model is deleted meanwhile.
ALTER TABLE model_dataset ADD COLUMN initial_parameters TEXT;
