-- Failed sign-ins of the HQ page, counted per key ('address:<ip>' or 'user:<id>') in a window
-- that starts at the key's first failure and ends at `ends_at` (ms since the epoch). Kept in the
-- database so that every HQ process on it counts the same attempts (hq/staff/signInLimits.ts).
CREATE TABLE sign_in_attempts (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  ends_at bigint NOT NULL
);
CREATE INDEX sign_in_attempts_by_end ON sign_in_attempts (ends_at);
