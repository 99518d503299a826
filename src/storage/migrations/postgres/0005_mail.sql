-- Accounts managed by e-mail (issue 8): staff are invited with a one-time link to set their
-- password, anyone can reset a forgotten one, an account can be deactivated, and a
-- specialist may hold more than one consultation at a time.
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
ALTER TABLE users ADD COLUMN capacity INTEGER NOT NULL DEFAULT 1;

-- One-time links (invitation, password reset), stored only as the SHA-256 of the secret.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);
-- A link used once: the primary key refuses a second use, even of two uses at once.
CREATE TABLE account_token_uses (
  token_hash TEXT PRIMARY KEY REFERENCES account_tokens (token_hash),
  used_at BIGINT NOT NULL
);

-- Mails to send, written in the same transaction as the action that causes them and sent by
-- a worker that retries (nothing is lost on a restart). The text is made when it is sent, in
-- the recipient's language, from the kind and its parameters.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  params TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at BIGINT,
  gave_up_at BIGINT,
  last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
