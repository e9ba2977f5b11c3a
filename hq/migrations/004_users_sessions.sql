-- Head-office staff who sign in to the HQ page, and their sessions. Times are milliseconds since the epoch.

-- `password_hash` is "scrypt$N$r$p$<salt>$<key>" (base64url): a slow KDF with a salt per user.
CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'staff')),
  password_hash text NOT NULL,
  created_at bigint NOT NULL,
  password_set_at bigint NOT NULL
);

-- Signed-in browsers. Only the SHA-256 of the cookie's token is kept, so a copy of this table
-- signs no one in. Any HQ process may read a session: they share the database, not memory.
CREATE TABLE sessions (
  token_sha256 text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
