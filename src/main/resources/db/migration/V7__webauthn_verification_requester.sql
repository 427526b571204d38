-- Who asked for a command-line security-key verification (docs/SECURITY.md): the token answers
-- its poller only for the credential that started it (requested_by_key: that API key's id, or 0
-- for the account's password), and the page shows the owner the address, client and time of the
-- request. Tokens live two minutes; those made before this version had no requester and go.
DELETE FROM webauthn_verification;
ALTER TABLE webauthn_verification ADD COLUMN requested_by_key BIGINT NOT NULL;
ALTER TABLE webauthn_verification ADD COLUMN requested_at BIGINT NOT NULL;
ALTER TABLE webauthn_verification ADD COLUMN requested_ip VARCHAR(64) NOT NULL;
ALTER TABLE webauthn_verification ADD COLUMN requested_agent VARCHAR(200) NOT NULL;
