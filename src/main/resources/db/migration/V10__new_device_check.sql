-- The new-device check of browser sign-in (docs/SECURITY.md, new devices): the addresses each
-- account signed in from, the mailed links that confirm a new one (SHA-256 digests only, 1 hour,
-- single use, bound to the address that was held), and when the last such mail went for an
-- account and address (at most one per 15 minutes, on every node).
CREATE TABLE known_device (
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  ip          VARCHAR(64)  NOT NULL,
  first_seen  BIGINT       NOT NULL,
  last_seen   BIGINT       NOT NULL,
  PRIMARY KEY (account_id, ip)
);

CREATE TABLE new_device_token (
  digest      VARCHAR(64)  PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  ip          VARCHAR(64)  NOT NULL,
  user_agent  VARCHAR(400) NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  used_at     BIGINT
);
CREATE INDEX new_device_token_account ON new_device_token (account_id);

CREATE TABLE new_device_mail (
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  ip          VARCHAR(64)  NOT NULL,
  sent_at     BIGINT       NOT NULL,
  PRIMARY KEY (account_id, ip)
);

-- accounts made before: the addresses they signed up or signed in from are known
INSERT INTO known_device (account_id, ip, first_seen, last_seen)
  SELECT e.account_id, e.ip, MIN(e.created_at), MAX(e.created_at) FROM security_event e
  JOIN account a ON a.id = e.account_id
  WHERE e.kind IN ('SIGNED_UP', 'SIGN_IN') AND e.ip IS NOT NULL AND e.ip <> ''
  GROUP BY e.account_id, e.ip;
