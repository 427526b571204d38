-- Scale: ACCOUNTS accounts and GEMS gems straight into PostgreSQL, next to the benchmark's own accounts, set-based.
--   psql -h 127.0.0.1 -U postgres -d gemhost_bench -v ON_ERROR_STOP=1 -v accounts=1000000 -v gems=100000 -f bench/seed.sql
-- One precomputed password hash (the newest account's, made by the server at sign-up) is reused for every row.
-- Ids start at 1,000,000,000, far above what gemhost_seq hands out, so the running server never collides.
-- Shape: 40% of accounts have MFA (TOTP key, ten recovery codes), one API key each, two security events each;
-- every gem has three versions and one to three owners; stale throttle rows (accounts / 5) and code-window rows
-- (accounts / 10). Triggers (foreign keys and the read caches' notifications) are off for this transaction only
-- (session_replication_role = replica): every row is new and consistent by construction, and no node has any of
-- them cached, so there is nothing to notify.
\timing on
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT password_hash AS hash FROM account ORDER BY id DESC LIMIT 1 \gset

INSERT INTO account (id, email, email_key, handle, handle_key, password_hash, mfa_level, created_at)
SELECT 1000000000 + g, 'seed-' || g || '@example.test', 'seed-' || g || '@example.test', 'seed-' || g, 'seed-' || g, :'hash',
       CASE WHEN g % 10 < 6 THEN 'disabled' WHEN g % 10 = 6 THEN 'ui_only' WHEN g % 10 = 7 THEN 'ui_and_gem_signin' ELSE 'ui_and_api' END,
       1700000000000 + g * 1000
FROM generate_series(1, :accounts) g;

-- Sealed keys that no server key opens: these accounts never send a code.
INSERT INTO totp_key (account_id, sealed_key, last_step, created_at)
SELECT 1000000000 + g, encode(sha256(('totp-' || g)::bytea), 'base64'), 56666666, 1700000000000 + g * 1000
FROM generate_series(1, :accounts) g WHERE g % 10 >= 6;

INSERT INTO recovery_code (id, account_id, lookup, code_hash, used_at)
SELECT 2000000000 + g * 10 + c, 1000000000 + g, substr(upper(md5(g || '-' || c)), 1, 4) || c, :'hash',
       CASE WHEN c < 2 THEN 1700000000000 ELSE NULL END
FROM generate_series(1, :accounts) g, generate_series(0, 9) c WHERE g % 10 >= 6;

INSERT INTO api_key (id, account_id, name, digest, scopes, mfa, created_at, last_used_at)
SELECT 1000000000 + g, 1000000000 + g, 'seed', encode(sha256(('seed-key-' || g)::bytea), 'hex'),
       'add_owner index_rubygems push_rubygem remove_owner yank_rubygem', g % 10 >= 7, 1700000000000 + g * 1000,
       CASE WHEN g % 3 = 0 THEN NULL ELSE 1700000000000 + g * 2000 END
FROM generate_series(1, :accounts) g;

INSERT INTO security_event (id, account_id, kind, detail, ip, user_agent, created_at)
SELECT 3000000000 + g * 2 + e, 1000000000 + g, CASE e WHEN 0 THEN 'SIGNED_UP' ELSE 'SIGN_IN' END, NULL, '127.0.0.1', 'seed',
       1700000000000 + g * 1000 + e
FROM generate_series(1, :accounts) g, generate_series(0, 1) e;

INSERT INTO rubygem (id, name, name_key, created_at)
SELECT 1000000000 + g, 'seed-gem-' || g, 'seed-gem-' || g, 1700000000000 + g * 1000
FROM generate_series(1, :gems) g;

INSERT INTO gem_version (id, gem_id, number, platform, file_name, mfa_required, pushed_by, created_at)
SELECT 1000000000 + g * 3 + v, 1000000000 + g, '0.' || v || '.0', 'ruby', 'seed-gem-' || g || '-0.' || v || '.0.gem', false,
       1000000000 + g * 7 % :accounts + 1, 1700000000000 + g * 1000 + v
FROM generate_series(1, :gems) g, generate_series(0, 2) v;

-- Owners: gem g belongs to account (7g mod 100000)+1, and to one or two more for a third of the gems each.
INSERT INTO ownership (gem_id, account_id, created_at)
SELECT DISTINCT ON (gem_id, account_id) gem_id, account_id, 1700000000000
FROM (SELECT 1000000000 + g AS gem_id, 1000000000 + (g * 7 + o * 13) % :accounts + 1 AS account_id
      FROM generate_series(1, :gems) g, generate_series(0, 2) o WHERE o <= g % 3) x;

-- Stale throttle rows: failed sign-ins and codes of long ago, as a live host accumulates them.
INSERT INTO throttle (throttle_key, failures, blocked_until, updated_at)
SELECT CASE WHEN g % 2 = 0 THEN 'password:seed-' || g || '@example.test' ELSE 'mfa:' || (1000000000 + g) END, 1 + g % 3, 0, 1700000000000
FROM generate_series(1, :accounts / 5) g;

INSERT INTO api_code_window (account_id, code_digest, accepted_at)
SELECT 1000000000 + g * 10, encode(sha256(('window-' || g)::bytea), 'hex'), 1700000000000
FROM generate_series(1, :accounts / 10) g;
COMMIT;

ANALYZE;
SELECT (SELECT count(*) FROM account) AS accounts, (SELECT count(*) FROM api_key) AS api_keys,
       (SELECT count(*) FROM totp_key) AS totp_keys, (SELECT count(*) FROM recovery_code) AS recovery_codes,
       (SELECT count(*) FROM rubygem) AS gems, (SELECT count(*) FROM gem_version) AS versions,
       (SELECT count(*) FROM ownership) AS owners, (SELECT count(*) FROM security_event) AS events,
       (SELECT count(*) FROM api_code_window) AS code_windows, (SELECT count(*) FROM throttle) AS throttles;
