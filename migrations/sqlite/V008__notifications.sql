-- Notifications in the recipient's language, an in-app inbox, and SMS/WhatsApp through a gateway.
-- language: "id" or "en", the account's language for messages; phone_channel: "none", "sms" or "whatsapp", whether
-- the account also wants short messages on its phone.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'id';
ALTER TABLE accounts ADD COLUMN phone_channel TEXT NOT NULL DEFAULT 'none';

CREATE TABLE inbox_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX inbox_messages_account ON inbox_messages (account_id, id);
CREATE INDEX inbox_messages_unread ON inbox_messages (account_id, read_at);
