-- What a model was trained from and with, written when it succeeds, so that it can be reproduced and checked.
ALTER TABLE model ADD COLUMN receipt TEXT;
