-- An API key may expire (expires_at, epoch milliseconds; NULL: never) and may serve one gem
-- (gem_id; NULL: any gem its account owns). Both are fixed when the key is made (docs/SECURITY.md).
ALTER TABLE api_key ADD COLUMN expires_at BIGINT;
ALTER TABLE api_key ADD COLUMN gem_id BIGINT;
ALTER TABLE api_key ADD CONSTRAINT api_key_gem FOREIGN KEY (gem_id) REFERENCES rubygem (id) ON DELETE CASCADE;
