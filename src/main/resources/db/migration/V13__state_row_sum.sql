-- The row sum of the store's wallet state (docs/backup-format.md, section 6.2), kept beside its LtHash by the same
-- transactions: a full backup sums the text of the rows it streams and, when the sums agree, carries the kept LtHash
-- instead of expanding every row into it. A store that holds rows already gets its sum proven by its next full backup,
-- which computes the LtHash from its rows as before; a new store's sum, of no rows, is exact from the start.
ALTER TABLE wallet.state_digest ADD COLUMN row_sum BYTEA;
ALTER TABLE wallet.state_digest ADD COLUMN row_sum_proven BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE wallet.state_digest SET row_sum_proven = TRUE
WHERE NOT EXISTS (SELECT 1 FROM wallet.master_seed)
  AND NOT EXISTS (SELECT 1 FROM wallet.agent_wallets)
  AND NOT EXISTS (SELECT 1 FROM wallet.wallet_lifecycle)
  AND NOT EXISTS (SELECT 1 FROM wallet.balance_snapshots);
