-- The indexes and EXPLAIN ANALYZE plans of the hot queries of cases 2 and 3, with the parameters of one
-- real benchmark account. The statements are the ones EclipseLink sends (seen in pg_stat_activity during the
-- load, column lists shortened to *). Writes run inside a transaction that is rolled back.
--   psql -h 127.0.0.1 -U postgres -d gemhost_bench -v digest=SHA256_HEX_OF_KEY -v handle=HANDLE -v other=EMAIL -f bench/explain.sql
\pset pager off
SELECT k.account_id AS account, g.id AS gem, (extract(epoch FROM now()) * 1000)::bigint AS now,
       (extract(epoch FROM now()) / 30)::bigint AS step
FROM api_key k JOIN rubygem g ON g.name_key = lower(:'handle') WHERE k.digest = :'digest' \gset

\echo '=== indexes of the hot tables'
SELECT tablename, indexname, indexdef FROM pg_indexes
WHERE tablename IN ('account', 'api_key', 'api_code_window', 'throttle', 'totp_key', 'rubygem', 'ownership', 'gem_version')
ORDER BY tablename, indexname;
SELECT relname AS table, n_live_tup AS rows FROM pg_stat_user_tables ORDER BY relname;

\echo '=== API key lookup by digest (every keyed request: ApiKeys.authenticate)'
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM api_key t0, account t1 WHERE ((t0.DIGEST = :'digest') AND (t1.ID = t0.account_id));

\echo '=== gems.json: the account''s gems, then each gem''s versions (Gems.ofAccount)'
EXPLAIN (ANALYZE, BUFFERS) SELECT t1.* FROM ownership t0, rubygem t1 WHERE ((t0.gem_id = t1.ID) AND (t0.account_id = :account)) ORDER BY t1.NAME;
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM gem_version WHERE (gem_id = :gem) ORDER BY created_at, ID;

\echo '=== code window (the one-command window: CodeWindows.isOpen, then open = DELETE + INSERT)'
EXPLAIN (ANALYZE, BUFFERS) SELECT COUNT(*) FROM api_code_window WHERE account_id = :account AND code_digest = repeat('a', 64) AND accepted_at > :now - 60000;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) DELETE FROM api_code_window WHERE account_id = :account AND (code_digest = repeat('a', 64) OR accepted_at < :now - 60000);
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO api_code_window (account_id, code_digest, accepted_at) VALUES (:account, repeat('a', 64), :now);
ROLLBACK;

\echo '=== second-factor throttle (Throttles.pause: em.find; reset after a good code: DELETE)'
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM throttle WHERE (throttle_key = 'mfa:' || :account);
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) DELETE FROM throttle WHERE (throttle_key = 'mfa:' || :account);
ROLLBACK;

\echo '=== TOTP key (TotpKeys.find: em.find; consume: conditional UPDATE of the step)'
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM totp_key WHERE (account_id = :account);
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) UPDATE totp_key SET last_step = :step + 5 WHERE ((account_id = :account) AND (last_step < :step + 5));
ROLLBACK;

\echo '=== ownership (Gems.addOwner / removeOwner: gem by name, caller is owner, account by email, owners, insert/delete)'
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM rubygem WHERE (name_key = lower(:'handle'));
EXPLAIN (ANALYZE, BUFFERS) SELECT gem_id, account_id, created_at FROM ownership WHERE ((gem_id = :gem) AND (account_id = :account));
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM account WHERE (email_key = lower(:'other'));
EXPLAIN (ANALYZE, BUFFERS) SELECT t1.* FROM ownership t0, account t1 WHERE ((t0.account_id = t1.ID) AND (t0.gem_id = :gem)) ORDER BY t1.ID;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) DELETE FROM ownership WHERE ((gem_id = :gem) AND (account_id = :account));
ROLLBACK;
