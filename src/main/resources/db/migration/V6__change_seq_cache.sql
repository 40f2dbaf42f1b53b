-- How many change sequence values the database hands out between two writes of the sequence's own state.
-- On H2 each such write commits a system transaction, which also writes out every page that the running
-- transaction has changed; with H2's default of 32 a bulk creation of wallets spends a fifth of its time there.
-- H2 hands the values out in order whatever the cache, and after a crash resumes above every value it may have
-- handed out. PostgreSQL keeps 1: a larger cache there is per session, so values would no longer be drawn in the
-- order the write fence serialises the writers in, which the backups' high-water mark relies on.
ALTER SEQUENCE wallet.change_seq CACHE ${change_seq_cache};
