-- Security keys and passkeys (WebAuthn credentials). credential holds the attested credential
-- data the key gave at registration (its id and public key, base64url); user_handle is the
-- account's WebAuthn user id, the same on every key of one account.
CREATE TABLE security_key (
  id            BIGINT        PRIMARY KEY,
  account_id    BIGINT        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  credential_id VARCHAR(1400) NOT NULL,
  user_handle   VARCHAR(64)   NOT NULL,
  credential    VARCHAR(4000) NOT NULL,
  sign_count    BIGINT        NOT NULL,
  nickname      VARCHAR(64)   NOT NULL,
  created_at    BIGINT        NOT NULL,
  last_used_at  BIGINT
);
CREATE UNIQUE INDEX security_key_credential ON security_key (credential_id);
CREATE INDEX security_key_account ON security_key (account_id);

-- The command line's security-key sign-in: a token in the URL the gem client prints (SHA-256
-- digest here), then a one-time code for the client once the key was used: its digest for the
-- API guard, and the code sealed under a key derived from the token for the client's poller.
CREATE TABLE webauthn_verification (
  token_digest  VARCHAR(64)   PRIMARY KEY,
  account_id    BIGINT        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  expires_at    BIGINT        NOT NULL,
  verified_at   BIGINT,
  code_digest   VARCHAR(64),
  code_sealed   VARCHAR(200),
  code_used     BOOLEAN       NOT NULL
);
CREATE UNIQUE INDEX webauthn_verification_code ON webauthn_verification (code_digest);
CREATE INDEX webauthn_verification_account ON webauthn_verification (account_id);
