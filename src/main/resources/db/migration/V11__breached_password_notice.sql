-- When the holder was mailed that their password appears in a data breach (epoch milliseconds);
-- NULL until then and again after a new password, so the mail goes once per breached password.
ALTER TABLE account ADD COLUMN breached_password_notice_at BIGINT;
