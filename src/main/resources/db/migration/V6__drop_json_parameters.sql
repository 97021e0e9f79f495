-- Every parameter is binary now (V5): the JSON columns go, and the binary ones take their names
ALTER TABLE model_result DROP COLUMN parameters;
ALTER TABLE model_result RENAME COLUMN parameter_bytes TO parameters;
ALTER TABLE model_result ALTER COLUMN parameters SET NOT NULL;
ALTER TABLE model_dataset DROP COLUMN initial_parameters;
ALTER TABLE model_dataset RENAME COLUMN initial_parameter_bytes TO initial_parameters;
