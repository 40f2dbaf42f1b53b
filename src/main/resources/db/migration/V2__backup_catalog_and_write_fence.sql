-- The write fence: every transaction that changes wallet state locks this row first, and a backup takes it
-- while it opens its snapshot. A change sequence drawn but not yet committed can therefore never fall below a
-- backup's high-water mark and be missed by the next incremental.
CREATE TABLE wallet.write_fence (
    id SMALLINT PRIMARY KEY CHECK (id = 1)
);
INSERT INTO wallet.write_fence (id) VALUES (1);

-- The backup catalog: one row per completed backup (its manifest is the copy that travels with the file).
CREATE TABLE wallet.backup_catalog (
    backup_id              VARCHAR(16) PRIMARY KEY,
    backup_type            VARCHAR(16) NOT NULL CHECK (backup_type IN ('full', 'incremental')),
    parent_id              VARCHAR(16),
    base_id                VARCHAR(16) NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    since_high_water_mark  BIGINT NOT NULL,
    high_water_mark        BIGINT NOT NULL,
    seed_fingerprint       VARCHAR(16) NOT NULL,
    file_name              VARCHAR(200) NOT NULL,
    bytes                  BIGINT NOT NULL,
    sha256                 VARCHAR(64) NOT NULL,
    state_digest           VARCHAR(64) NOT NULL,
    content_digest         VARCHAR(64) NOT NULL,
    counts                 TEXT NOT NULL,
    duration_ms            BIGINT NOT NULL,
    destinations           TEXT NOT NULL
);
CREATE INDEX backup_catalog_created_at ON wallet.backup_catalog (created_at);
