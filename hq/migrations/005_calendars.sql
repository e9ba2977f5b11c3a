-- Calendars head office publishes for every branch: a year's public holidays and 调休 working days.
-- Every publication is a new row; `version` grows across all years, so a branch asks for what is
-- newer than the last version it received (GET /v1/calendars?since=N). A year's newest row is its
-- calendar. `days` is [{date, workday, name?}], checked before it is stored (hq/calendar.ts).
CREATE TABLE calendars (
  version bigserial PRIMARY KEY,
  year integer NOT NULL,
  days jsonb NOT NULL,
  published_at bigint NOT NULL,
  published_by text NOT NULL
);
CREATE INDEX calendars_by_year ON calendars (year, version DESC);
