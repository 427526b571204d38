-- The language the account holder chose for pages and mails ("en", "es", "ja", "de"); NULL: none
-- chosen, mails are English (docs/ARCHITECTURE.md, "Languages").
ALTER TABLE account ADD COLUMN language VARCHAR(8);
