-- Every data set and model refers to its rows in a row set now (V11): the JSON text goes
DROP TABLE dataset_rows;
ALTER TABLE model_dataset DROP COLUMN content;
ALTER TABLE dataset ALTER COLUMN row_set_id SET NOT NULL;
ALTER TABLE model_dataset ALTER COLUMN row_set_id SET NOT NULL;
