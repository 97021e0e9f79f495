-- Every parameter is binary now (V5)
ALTER TABLE model_result DROP COLUMN parameters;
ALTER TABLE model_result ALTER COLUMN parameter_bytes SET NOT NULL;
ALTER TABLE model_dataset DROP COLUMN initial_parameters;
