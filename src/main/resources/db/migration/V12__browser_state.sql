-- Stateless nodes (docs/ARCHITECTURE.md, "Stateless nodes"; docs/SECURITY.md, "Sessions"): what
-- a browser's session holds lives here, keyed by the SHA-256 digest of the random token in its
-- gemhost_session cookie, so any node serves any request and a node killed loses nothing.
-- Idle rows (30 minutes) are purged; the half signed-in and held states also end on their own.
CREATE TABLE browser_state (
  digest          VARCHAR(64)   PRIMARY KEY,
  csrf            VARCHAR(64)   NOT NULL,
  seen_at         BIGINT        NOT NULL,
  account_id      BIGINT,
  handle          VARCHAR(100),
  signed_in       BOOLEAN       NOT NULL,
  session_key     VARCHAR(64),
  awaiting_since  BIGINT        NOT NULL,
  return_to       VARCHAR(2000),
  notice          VARCHAR(1000),
  messages        VARCHAR(4000),
  held_account_id BIGINT,
  held_handle     VARCHAR(100),
  held_how        VARCHAR(200),
  held_return_to  VARCHAR(2000),
  held_since      BIGINT        NOT NULL,
  fresh_codes     VARCHAR(2000)
);
CREATE INDEX browser_state_seen ON browser_state (seen_at);

-- WebAuthn challenges (docs/SECURITY.md, "Factors"): bound to the browser (its state's
-- digest), a purpose and an account (0: passkey sign-in), two minutes, taken once by one DELETE.
CREATE TABLE webauthn_challenge (
  digest      VARCHAR(64)  PRIMARY KEY,
  browser     VARCHAR(64)  NOT NULL,
  purpose     VARCHAR(20)  NOT NULL,
  account_id  BIGINT       NOT NULL,
  issued_at   BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  note        VARCHAR(200)
);
CREATE INDEX webauthn_challenge_browser ON webauthn_challenge (browser, issued_at);
CREATE INDEX webauthn_challenge_expiry ON webauthn_challenge (expires_at);
