-- Wallet state owned by the seed, wallet, lifecycle and balance components.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
-- Every row carries change_seq drawn from one database-wide sequence, so that
-- "everything changed after X" is exact; deletions leave a row in tombstones.

CREATE SEQUENCE wallet.change_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE wallet.master_seed (
    id                SMALLINT PRIMARY KEY CHECK (id = 1),
    envelope          BYTEA NOT NULL,
    fingerprint       VARCHAR(16) NOT NULL,
    evm_account_xpub  VARCHAR(120) NOT NULL,
    xrp_account_xpub  VARCHAR(120) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    change_seq        BIGINT NOT NULL
);

CREATE TABLE wallet.agent_wallets (
    agent_id          VARCHAR(128) PRIMARY KEY,
    derivation_index  BIGINT NOT NULL UNIQUE CHECK (derivation_index BETWEEN 0 AND 2147483647),
    evm_address       VARCHAR(42) NOT NULL,
    xrp_address       VARCHAR(35) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    metadata          TEXT,
    change_seq        BIGINT NOT NULL
);
CREATE INDEX agent_wallets_change_seq ON wallet.agent_wallets (change_seq);

CREATE TABLE wallet.wallet_lifecycle (
    agent_id            VARCHAR(128) PRIMARY KEY REFERENCES wallet.agent_wallets (agent_id),
    state               VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'active', 'suspended', 'archived')),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at        TIMESTAMP WITH TIME ZONE,
    suspended_at        TIMESTAMP WITH TIME ZONE,
    archived_at         TIMESTAMP WITH TIME ZONE,
    last_activity       TIMESTAMP WITH TIME ZONE,
    total_transactions  BIGINT NOT NULL DEFAULT 0,
    total_volume        TEXT NOT NULL DEFAULT '{}',
    suspension_reason   TEXT,
    change_seq          BIGINT NOT NULL
);
CREATE INDEX wallet_lifecycle_change_seq ON wallet.wallet_lifecycle (change_seq);

CREATE TABLE wallet.balance_snapshots (
    agent_id      VARCHAR(128) NOT NULL REFERENCES wallet.agent_wallets (agent_id),
    chain         VARCHAR(8) NOT NULL CHECK (chain IN ('evm', 'xrp')),
    token         VARCHAR(64) NOT NULL,
    balance       NUMERIC(78, 0) NOT NULL CHECK (balance >= 0),
    decimals      INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 77),
    block_number  BIGINT,
    last_updated  TIMESTAMP WITH TIME ZONE NOT NULL,
    change_seq    BIGINT NOT NULL,
    PRIMARY KEY (agent_id, chain, token)
);
CREATE INDEX balance_snapshots_change_seq ON wallet.balance_snapshots (change_seq);

CREATE TABLE wallet.tombstones (
    change_seq  BIGINT PRIMARY KEY,
    table_name  VARCHAR(64) NOT NULL,
    row_key     TEXT NOT NULL,
    deleted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
