-- Trained and starting parameters as compact binary (io.backprop.model.ParametersCodec) instead of JSON text,
-- filled from the JSON by the Java migration V5; and the bytes each model and data set holds in the store,
-- which the storage budget adds up.
ALTER TABLE model_result ADD COLUMN parameter_bytes BYTEA;
ALTER TABLE model_dataset ADD COLUMN initial_parameter_bytes BYTEA;
ALTER TABLE model ADD COLUMN stored_bytes BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE dataset ADD COLUMN stored_bytes BIGINT DEFAULT 0 NOT NULL;
