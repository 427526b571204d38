-- Signed-in browser sessions (so one node can end another's), single-use mailed tokens (email
-- confirmation, password reset, email change; SHA-256 digests only), and email confirmation.
CREATE TABLE account_session (
  digest      VARCHAR(64)  PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at  BIGINT       NOT NULL
);
CREATE INDEX account_session_account ON account_session (account_id);

CREATE TABLE account_token (
  digest      VARCHAR(64)  PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  purpose     VARCHAR(20)  NOT NULL,
  new_email   VARCHAR(254),
  expires_at  BIGINT       NOT NULL,
  used_at     BIGINT
);
CREATE INDEX account_token_account ON account_token (account_id, purpose);

-- accounts made before confirmation existed count as confirmed
ALTER TABLE account ADD COLUMN email_confirmed_at BIGINT;
UPDATE account SET email_confirmed_at = created_at;
