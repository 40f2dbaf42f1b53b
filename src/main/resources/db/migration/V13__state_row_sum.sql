-- The row sum of the store's wallet state (docs/backup-format.md, section 6.2), kept beside its LtHash by the same
-- transactions: a full backup sums the text of the rows it streams and, when the sums agree, carries the kept LtHash
-- instead of expanding every row into it. Not proven until a full backup has summed the rows once (the first full
-- after this migration, or after a restore, computes the LtHash from its rows as before and proves the sum).
ALTER TABLE wallet.state_digest ADD COLUMN row_sum BYTEA;
ALTER TABLE wallet.state_digest ADD COLUMN row_sum_proven BOOLEAN DEFAULT FALSE NOT NULL;
