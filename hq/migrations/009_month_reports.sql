-- Monthly complaint reports for the operations department (R7.4; docs/monthly-report.md), every
-- version a branch made, as it sent them: the figures (data), the spreadsheet and the PDF when
-- the branch printed one. Stored once per (branch, report id): a report sent again changes nothing.
CREATE TABLE month_reports (
  branch_code text NOT NULL REFERENCES branches (code),
  report_id text NOT NULL,
  month text NOT NULL,
  version integer NOT NULL,
  language text NOT NULL,
  created_at bigint NOT NULL,
  created_by text NOT NULL,
  data jsonb NOT NULL,
  xlsx bytea NOT NULL,
  pdf bytea,
  received_at bigint NOT NULL,
  PRIMARY KEY (branch_code, report_id)
);
CREATE INDEX month_reports_by_month ON month_reports (month, branch_code, version);
