-- The LtHash of the store's wallet state (docs/backup-format.md, section 6.1): kept up to date by every
-- transaction that changes wallet state, under the write fence, so that an incremental backup reads its state
-- digest in its snapshot instead of reading the whole state. The row is written by the Java migration V8, which
-- computes the hash of the rows already here.
CREATE TABLE wallet.state_digest (
    id       SMALLINT PRIMARY KEY CHECK (id = 1),
    lt_hash  BYTEA NOT NULL
);
