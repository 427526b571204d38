-- Trusted publishing (docs/SECURITY.md): CI workflows that may push a gem with a short-lived key
-- obtained for their OIDC ID token. Ids come from gemhost_seq like every other table's.

-- A gem's trusted publisher. kind: github (repository_owner/repository_name, workflow = the
-- workflow's file name) or gitlab (namespace/project, workflow = the CI config path).
-- repository_key is lower-case "owner/name", the exchange's lookup. owner_id is the token's
-- repository_owner_id (GitHub) or namespace_id (GitLab), recorded at the first accepted exchange.
CREATE TABLE trusted_publisher (
  id               BIGINT       PRIMARY KEY,
  gem_id           BIGINT       NOT NULL REFERENCES rubygem (id),
  kind             VARCHAR(16)  NOT NULL,
  repository_owner VARCHAR(255) NOT NULL,
  repository_name  VARCHAR(255) NOT NULL,
  repository_key   VARCHAR(512) NOT NULL,
  workflow         VARCHAR(255) NOT NULL,
  environment      VARCHAR(255),
  owner_id         VARCHAR(64),
  created_by       BIGINT       REFERENCES account (id) ON DELETE SET NULL,
  created_at       BIGINT       NOT NULL,
  last_used_at     BIGINT
);
CREATE INDEX trusted_publisher_gem ON trusted_publisher (gem_id);
CREATE INDEX trusted_publisher_repository ON trusted_publisher (kind, repository_key);

-- A publisher for a gem that does not exist yet, made by an account; its first push creates the
-- gem (owned by that account) and turns it into a trusted_publisher. Valid until expires_at.
CREATE TABLE pending_trusted_publisher (
  id               BIGINT       PRIMARY KEY,
  account_id       BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  gem_name         VARCHAR(100) NOT NULL,
  gem_name_key     VARCHAR(100) NOT NULL,
  kind             VARCHAR(16)  NOT NULL,
  repository_owner VARCHAR(255) NOT NULL,
  repository_name  VARCHAR(255) NOT NULL,
  repository_key   VARCHAR(512) NOT NULL,
  workflow         VARCHAR(255) NOT NULL,
  environment      VARCHAR(255),
  owner_id         VARCHAR(64),
  created_at       BIGINT       NOT NULL,
  expires_at       BIGINT       NOT NULL
);
CREATE INDEX pending_trusted_publisher_account ON pending_trusted_publisher (account_id);
CREATE INDEX pending_trusted_publisher_name ON pending_trusted_publisher (gem_name_key);
CREATE INDEX pending_trusted_publisher_repository ON pending_trusted_publisher (kind, repository_key);

-- Each ID token is exchanged once: its issuer and jti, kept until the token's exp (plus leeway).
-- The primary key, not a read before the insert, refuses the second exchange.
CREATE TABLE used_oidc_token (
  issuer     VARCHAR(255) NOT NULL,
  jti        VARCHAR(255) NOT NULL,
  expires_at BIGINT       NOT NULL,
  PRIMARY KEY (issuer, jti)
);
CREATE INDEX used_oidc_token_expiry ON used_oidc_token (expires_at);

-- The key an exchange hands out: its SHA-256 digest only, a name, and its 15-minute life. What it
-- may push are its grants: trusted publishers (their gems) or pending publishers (their new gem).
CREATE TABLE publisher_key (
  id         BIGINT       PRIMARY KEY,
  digest     VARCHAR(64)  NOT NULL,
  name       VARCHAR(400) NOT NULL,
  label      VARCHAR(400) NOT NULL,
  created_at BIGINT       NOT NULL,
  expires_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX publisher_key_digest ON publisher_key (digest);
CREATE INDEX publisher_key_expiry ON publisher_key (expires_at);

CREATE TABLE publisher_key_grant (
  id           BIGINT PRIMARY KEY,
  key_id       BIGINT NOT NULL REFERENCES publisher_key (id) ON DELETE CASCADE,
  publisher_id BIGINT REFERENCES trusted_publisher (id) ON DELETE CASCADE,
  pending_id   BIGINT REFERENCES pending_trusted_publisher (id) ON DELETE CASCADE
);
CREATE INDEX publisher_key_grant_key ON publisher_key_grant (key_id);
CREATE INDEX publisher_key_grant_publisher ON publisher_key_grant (publisher_id);
CREATE INDEX publisher_key_grant_pending ON publisher_key_grant (pending_id);
