-- How each wallet's XRP address derives from its BIP-44 key (docs/backup-format.md, section 5): 'standard' for every
-- wallet made here, 'ed25519-legacy' for wallets imported from the original TypeScript connector, whose funds sit at
-- the addresses it derived that way (issue 15). Existing wallets are standard.
ALTER TABLE wallet.agent_wallets ADD COLUMN xrp_scheme VARCHAR(16) DEFAULT 'standard' NOT NULL
    CHECK (xrp_scheme IN ('standard', 'ed25519-legacy'));
