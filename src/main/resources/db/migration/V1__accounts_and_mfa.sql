-- gemhost schema, version 1: accounts, throttles, security events, TOTP keys, recovery codes.
-- Times are epoch milliseconds (BIGINT) so H2 and PostgreSQL, EclipseLink and Hibernate agree.
CREATE SEQUENCE gemhost_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
  id            BIGINT PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  email_key     VARCHAR(254) NOT NULL,
  handle        VARCHAR(40)  NOT NULL,
  handle_key    VARCHAR(40)  NOT NULL,
  password_hash VARCHAR(400) NOT NULL,
  mfa_level     VARCHAR(20)  NOT NULL,
  created_at    BIGINT       NOT NULL
);
CREATE UNIQUE INDEX account_email_key ON account (email_key);
CREATE UNIQUE INDEX account_handle_key ON account (handle_key);

CREATE TABLE throttle (
  throttle_key  VARCHAR(300) PRIMARY KEY,
  failures      INT          NOT NULL,
  blocked_until BIGINT       NOT NULL,
  updated_at    BIGINT       NOT NULL
);

CREATE TABLE security_event (
  id          BIGINT PRIMARY KEY,
  account_id  BIGINT,
  kind        VARCHAR(40)  NOT NULL,
  detail      VARCHAR(400),
  ip          VARCHAR(64),
  user_agent  VARCHAR(400),
  created_at  BIGINT       NOT NULL
);
CREATE INDEX security_event_account ON security_event (account_id, created_at);

CREATE TABLE totp_key (
  account_id  BIGINT PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  sealed_key  VARCHAR(200) NOT NULL,
  last_step   BIGINT       NOT NULL,
  created_at  BIGINT       NOT NULL
);

CREATE TABLE recovery_code (
  id          BIGINT PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  lookup      VARCHAR(8)   NOT NULL,
  code_hash   VARCHAR(400) NOT NULL,
  used_at     BIGINT
);
CREATE UNIQUE INDEX recovery_code_lookup ON recovery_code (account_id, lookup);
