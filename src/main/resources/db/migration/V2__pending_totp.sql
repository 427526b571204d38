-- A registration's key before its first code confirms it: bound to one account and one
-- browser session, sealed like a stored key, and valid for GEMHOST_PENDING_TOTP_S.
CREATE TABLE pending_totp (
  id          BIGINT PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  session_key VARCHAR(64)  NOT NULL,
  sealed_key  VARCHAR(200) NOT NULL,
  created_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX pending_totp_session ON pending_totp (account_id, session_key);
