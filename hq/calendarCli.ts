import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { MAX_CALENDAR_FILE_BYTES } from '../shared/deadlines';
import { calendarFileText, exportCalendars, publishCalendar } from './calendar';
import type { Db } from './db/types';

export const CALENDAR_HELP = `  npm run hq -- calendar publish --year 2027 --file days.json [--by "王经理"]
                                  days.json: [{"date":"2027-01-01","workday":false,"name":"元旦"}, …]
  npm run hq -- calendar export --year 2027 --out calendar-2027.json
                                  the file a branch loads in its settings: the years' calendars (--year may
                                  repeat; none: every year) and every published deadline policy`;

/** Who publishes from the command line, unless --by says: the computer's user (none on some service accounts). */
function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'head office';
  }
}

function readDays(file: string): unknown {
  const text = readFileSync(file);
  if (text.length > MAX_CALENDAR_FILE_BYTES) throw new Error(`${file} is larger than ${MAX_CALENDAR_FILE_BYTES} bytes`);
  try {
    const parsed: unknown = JSON.parse(text.toString('utf8'));
    // The days alone, or a {days: […]} object.
    return Array.isArray(parsed) ? parsed : (parsed as { days?: unknown } | null)?.days;
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** `calendar publish` and `calendar export` (docs/hq.md, "Publishing a calendar"); returns what to print. */
export async function calendarCommand(db: Db, args: string[], now: number): Promise<string> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { year: { type: 'string', multiple: true }, file: { type: 'string' }, out: { type: 'string' }, by: { type: 'string' } },
  });
  const years = (values.year ?? []).map((y) => (/^\d{4}$/.test(y) ? Number(y) : NaN));
  if (years.some(Number.isNaN)) throw new Error(`--year takes a year such as 2027\n${CALENDAR_HELP}`);
  if (action === 'publish') {
    if (years.length !== 1 || !values.file) throw new Error(`calendar publish needs one --year and --file\n${CALENDAR_HELP}`);
    const published = await publishCalendar(db, { year: years[0], days: readDays(values.file), by: values.by ?? localUser() }, now);
    const holidays = published.days.filter((d) => !d.workday).length;
    return `Published ${published.year}: ${holidays} holidays, ${published.days.length - holidays} working days (version ${published.version}). Branches receive it on their next sync.`;
  }
  if (action === 'export') {
    if (!values.out) throw new Error(`calendar export needs --out\n${CALENDAR_HELP}`);
    const file = await exportCalendars(db, years.length ? years : undefined);
    writeFileSync(values.out, calendarFileText(file));
    const policies = file.policies?.length
      ? `deadline policies ${file.policies.map((p) => `${p.profile} (version ${p.version})`).join(', ')}`
      : 'no deadline policies (none is published)';
    return `Wrote ${values.out}: calendars ${file.calendars.map((c) => `${c.year} (version ${c.version})`).join(', ')}; ${policies}. A supervisor loads it in the branch's settings.`;
  }
  throw new Error(`calendar needs publish or export\n${CALENDAR_HELP}`);
}
