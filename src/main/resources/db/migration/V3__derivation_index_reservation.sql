-- The highest derivation index ever reserved: new wallets are created above it and above every index in use.
-- A restore brings back a backup that is older than the disaster, so wallets created after it may exist on chain;
-- the restore raises the reservation past the restored indices instead of handing their addresses out again.
-- It only ever grows. It is not wallet state: a restore does not empty it, and backups do not carry it (so the
-- state digest of existing backups is unchanged).
CREATE TABLE wallet.index_reservation (
    id                SMALLINT PRIMARY KEY CHECK (id = 1),
    highest_reserved  BIGINT NOT NULL CHECK (highest_reserved BETWEEN -1 AND 2147483647)
);
INSERT INTO wallet.index_reservation (id, highest_reserved)
    SELECT 1, COALESCE(MAX(derivation_index), -1) FROM wallet.agent_wallets;
