-- The store's timeline (docs/backup-format.md, section 11): the history it has lived since it was created or last
-- restored. A restore replaces the row in its own transaction: the store then continues from an older state, so a
-- backup's high-water mark means something only within its timeline. Not wallet state: never in a state digest.
-- The first row is written by the Java migration V5 (a random id needs the JVM's SecureRandom on both databases).
CREATE TABLE wallet.timeline (
    id                  SMALLINT PRIMARY KEY CHECK (id = 1),
    timeline_id         VARCHAR(16) NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    parent_timeline_id  VARCHAR(16),
    branched_from       VARCHAR(16),
    -- when discovery last asked the chains about this timeline's indices; null after a restore until it has
    discovered_at       TIMESTAMP WITH TIME ZONE
);

-- The timeline each catalogued backup was made in: an incremental's parent must be of the store's current timeline.
-- Null for backups made before timelines (format version 1), so the first backup after the upgrade is a full.
ALTER TABLE wallet.backup_catalog ADD COLUMN timeline_id VARCHAR(16);
