-- API keys (SHA-256 digests only), gems, versions, owners, and SECURITY.md rule 4a's windows.
CREATE TABLE api_key (
  id           BIGINT PRIMARY KEY,
  account_id   BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  name         VARCHAR(100) NOT NULL,
  digest       VARCHAR(64)  NOT NULL,
  scopes       VARCHAR(200) NOT NULL,
  mfa          BOOLEAN      NOT NULL,
  created_at   BIGINT       NOT NULL,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX api_key_digest ON api_key (digest);
CREATE INDEX api_key_account ON api_key (account_id);

CREATE TABLE rubygem (
  id         BIGINT PRIMARY KEY,
  name       VARCHAR(100) NOT NULL,
  name_key   VARCHAR(100) NOT NULL,
  created_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX rubygem_name_key ON rubygem (name_key);

CREATE TABLE gem_version (
  id           BIGINT PRIMARY KEY,
  gem_id       BIGINT       NOT NULL REFERENCES rubygem (id),
  number       VARCHAR(64)  NOT NULL,
  platform     VARCHAR(64)  NOT NULL,
  file_name    VARCHAR(240) NOT NULL,
  mfa_required BOOLEAN      NOT NULL,
  pushed_by    BIGINT,
  created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX gem_version_number ON gem_version (gem_id, number, platform);
CREATE UNIQUE INDEX gem_version_file ON gem_version (file_name);

CREATE TABLE ownership (
  gem_id     BIGINT NOT NULL REFERENCES rubygem (id),
  account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (gem_id, account_id)
);
CREATE INDEX ownership_account ON ownership (account_id);

CREATE TABLE api_code_window (
  account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  code_digest VARCHAR(64) NOT NULL,
  accepted_at BIGINT      NOT NULL,
  PRIMARY KEY (account_id, code_digest)
);
