-- An XRP Ledger issued currency may have a 40-hex-digit currency code: with its issuer the token is up to 76
-- characters, too long for VARCHAR(64) (issue 16). AgentBalance.MAX_TOKEN_LENGTH validates the same width.
ALTER TABLE wallet.balance_snapshots ALTER COLUMN token SET DATA TYPE VARCHAR(80);
