-- Columns taken from each case's record (hq/cases/columns.ts, caseColumns) so head office can
-- filter, sort, count and search across all branches without reading the records. Existing rows
-- are filled in by the migration's data step (hq/cases/backfill.ts), in the same transaction.
ALTER TABLE cases
  ADD COLUMN registered_at bigint,
  ADD COLUMN category text NOT NULL DEFAULT '',
  ADD COLUMN channel text NOT NULL DEFAULT '',
  ADD COLUMN severity text NOT NULL DEFAULT '',
  ADD COLUMN severity_rank smallint,
  ADD COLUMN outcome text,
  ADD COLUMN customer_name text NOT NULL DEFAULT '',
  ADD COLUMN customer_phone text NOT NULL DEFAULT '',
  ADD COLUMN business_ref text NOT NULL DEFAULT '',
  -- The normalized searchable text, and its n-gram terms (32-bit hashes) which the GIN index
  -- turns into candidates for a search; the text checks them exactly.
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD COLUMN search_terms integer[] NOT NULL DEFAULT '{}';

-- Lists sort by one of these and filter by the leading column; id breaks ties, so paging is stable.
-- It carries the counted columns too: a month's counts read only this index's range for the month.
CREATE INDEX cases_by_registered ON cases (registered_at, id) INCLUDE (branch_code, state, category, channel, severity, outcome);
CREATE INDEX cases_by_branch_registered ON cases (branch_code, registered_at);
CREATE INDEX cases_by_case_no ON cases (case_no, id);
CREATE INDEX cases_by_state ON cases (state, registered_at);
CREATE INDEX cases_by_category ON cases (category, registered_at);
CREATE INDEX cases_by_severity ON cases (severity_rank, registered_at);
CREATE INDEX cases_by_outcome ON cases (outcome, registered_at);
CREATE INDEX cases_search ON cases USING gin (search_terms);
