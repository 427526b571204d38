-- PostgreSQL only (db/vendor/postgresql): the read caches' invalidation channel. Each change that
-- could make a node's cached API caller or gem list wrong notifies channel gemhost_cache with the
-- account's id. Notifications are transactional: every node's LISTEN connection receives them
-- when, and only when, the change commits (cache package, ReadCache).

CREATE FUNCTION gemhost_cache_account() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('gemhost_cache', OLD.id::text);
  ELSE
    PERFORM pg_notify('gemhost_cache', NEW.id::text);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- a key revoked or its scopes changed, a key's or an ownership's account
CREATE FUNCTION gemhost_cache_account_id() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('gemhost_cache', OLD.account_id::text);
  ELSE
    PERFORM pg_notify('gemhost_cache', NEW.account_id::text);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- a version came or went: every owner's list changed
CREATE FUNCTION gemhost_cache_gem_owners() RETURNS trigger AS $$
DECLARE
  owner BIGINT;
BEGIN
  FOR owner IN SELECT account_id FROM ownership WHERE gem_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.gem_id ELSE NEW.gem_id END) LOOP
    PERFORM pg_notify('gemhost_cache', owner::text);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER account_cache AFTER UPDATE OF mfa_level, email, handle OR DELETE ON account FOR EACH ROW
  EXECUTE FUNCTION gemhost_cache_account();
CREATE TRIGGER api_key_cache AFTER UPDATE OF scopes, digest, account_id, mfa OR DELETE ON api_key FOR EACH ROW
  EXECUTE FUNCTION gemhost_cache_account_id();
CREATE TRIGGER ownership_cache AFTER INSERT OR UPDATE OR DELETE ON ownership FOR EACH ROW
  EXECUTE FUNCTION gemhost_cache_account_id();
CREATE TRIGGER gem_version_cache AFTER INSERT OR UPDATE OR DELETE ON gem_version FOR EACH ROW
  EXECUTE FUNCTION gemhost_cache_gem_owners();
