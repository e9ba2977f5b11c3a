-- Default deadline policies head office publishes per business profile (hq/policies.ts). Every
-- publication is a new row; a profile's newest row is its policy. `version` takes its numbers from
-- the calendars' sequence, so one `since` (GET /v1/calendars?since=N) covers calendars and policies.
-- `policy` is a DeadlinePolicy, checked with the branches' own policy schema before it is stored.
CREATE TABLE published_policies (
  version bigint PRIMARY KEY DEFAULT nextval('calendars_version_seq'),
  profile text NOT NULL,
  policy jsonb NOT NULL,
  published_at bigint NOT NULL,
  published_by text NOT NULL
);
CREATE INDEX published_policies_by_profile ON published_policies (profile, version DESC);
