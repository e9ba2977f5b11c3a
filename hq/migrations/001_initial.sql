-- Head office's receiver, first schema. Times are milliseconds since the epoch (bigint).

-- Enrolled branches. `secret` is the HMAC key as issued (access to this table means access to the
-- secrets); `previous_secret` is the one a re-enrolment replaced, kept only to tell a branch that
-- still signs with it that it was enrolled again.
CREATE TABLE branches (
  code text PRIMARY KEY,
  name text NOT NULL,
  secret text NOT NULL,
  previous_secret text,
  enrolled_at bigint NOT NULL,
  last_contact_at bigint,
  app_version text,
  waiting integer
);

-- Each case's newest accepted version, with its record as the branch sent it.
CREATE TABLE cases (
  id text PRIMARY KEY,
  branch_code text NOT NULL REFERENCES branches (code),
  case_no text NOT NULL,
  state text NOT NULL,
  version integer NOT NULL,
  record jsonb NOT NULL,
  head_seq integer NOT NULL,
  head_hash text NOT NULL,
  chain_status text NOT NULL,
  received_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX cases_by_branch ON cases (branch_code, case_no);

-- Every case's whole event chain; rows are only ever appended.
CREATE TABLE events (
  case_id text NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  type text NOT NULL,
  at bigint NOT NULL,
  actor jsonb NOT NULL,
  changes jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- Attachments, once per SHA-256, uploaded in pieces; `complete` once the hash was checked.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  total integer NOT NULL,
  received integer NOT NULL DEFAULT 0,
  complete boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL,
  completed_at bigint
);
CREATE TABLE blob_chunks (
  sha256 text NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,
  at_offset integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (sha256, at_offset)
);

-- Which attachments the stored version of a case refers to.
CREATE TABLE case_attachments (
  case_id text NOT NULL REFERENCES cases (id),
  attachment_id text NOT NULL,
  sha256 text NOT NULL REFERENCES blobs (sha256),
  name text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  PRIMARY KEY (case_id, attachment_id)
);

-- Cases turned away for a chain problem, for head office to look into.
CREATE TABLE flags (
  id bigserial PRIMARY KEY,
  branch_code text NOT NULL,
  case_id text NOT NULL,
  version integer NOT NULL,
  reason text NOT NULL,
  detail text NOT NULL,
  batch_id text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX flags_by_case ON flags (case_id);

-- Request ids seen lately: a signed request is applied at most once.
CREATE TABLE request_ids (
  request_id text PRIMARY KEY,
  branch_code text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX request_ids_by_time ON request_ids (at);
