-- The column holds what a model learned from its rows besides its parameters (preprocessing, classes, split)
ALTER TABLE model RENAME COLUMN preprocessing TO fit;
