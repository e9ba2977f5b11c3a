-- Export files imported (docs/export-file.md): one row per file id, so the same file imported
-- again changes nothing and says when it was imported first.
CREATE TABLE import_files (
  file_id text PRIMARY KEY,
  branch_code text NOT NULL REFERENCES branches (code),
  period_from text NOT NULL,
  period_to text NOT NULL,
  created_at bigint NOT NULL,
  imported_at bigint NOT NULL,
  file_sha256 text NOT NULL,
  cases integer NOT NULL,
  accepted integer NOT NULL,
  duplicate integer NOT NULL,
  rejected integer NOT NULL
);
CREATE INDEX import_files_by_branch ON import_files (branch_code, imported_at);
