-- Stored out of line and uncompressed: numbers barely compress, and trying costs time on every write
ALTER TABLE row_chunk ADD COLUMN content BYTEA NOT NULL;
ALTER TABLE row_chunk ALTER COLUMN content SET STORAGE EXTERNAL;
