import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MAX_EXPORT_BYTES } from '../shared/export/format';
import QRCode from 'qrcode';
import { openDatabase } from './db/open';
import { enrolBranch } from './enrol';
import { describeImport, importExportFile } from './import';
import { migrate } from './migrate';
import { buildServer } from './server';
import { addUser, USER_ROLES, type UserRole } from './staff/users';
import { DEFAULT_SILENT_HOURS } from './web/register';
import { CALENDAR_HELP, calendarCommand } from './calendarCli';

/**
 * `npm run hq` serves head office's receiver and the HQ page; `npm run hq -- enrol --branch BJ01 --name "北京一店"`
 * enrols a branch and prints its enrolment code; `npm run hq -- add-user` adds a head-office user (docs/hq.md).
 */
const HELP = `usage:
  npm run hq                      serve (HQ_PORT, default 8787; HQ_HOST, default 127.0.0.1)
  npm run hq -- enrol --branch BJ01 --name "北京一店" [--url http://127.0.0.1:8787]
  npm run hq -- add-user --user ID --name "张敏" [--role admin|staff]   (the password is read from stdin)
${CALENDAR_HELP}
  npm run hq -- import FILE       imports a branch's export file (docs/export-file.md)
data: PostgreSQL when DATABASE_URL is set, else PGlite in HQ_DATA_DIR (default ./hq-data)`;

const host = process.env.HQ_HOST || '127.0.0.1';
const port = Number(process.env.HQ_PORT || 8787);

async function serve() {
  const db = await openDatabase();
  const applied = await migrate(db);
  const silentHours = Number(process.env.HQ_SILENT_HOURS || DEFAULT_SILENT_HOURS);
  if (!(silentHours > 0)) throw new Error(`HQ_SILENT_HOURS is a number of hours above 0, not "${process.env.HQ_SILENT_HOURS}"`);
  const trustProxy = process.env.HQ_TRUST_PROXY === 'true' ? true : process.env.HQ_TRUST_PROXY || false;
  const app = buildServer({ db, silentHours, trustProxy, logger: { level: process.env.HQ_LOG_LEVEL || 'warn' } });
  const address = await app.listen({ port, host });
  console.log(`HQ listening on ${address}`);
  console.log(`HQ data: ${db.description}${applied.length ? ` (migrated: ${applied.join(', ')})` : ''}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function enrol(args: string[]) {
  const { values } = parseArgs({ args, options: { branch: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } } });
  if (!values.branch || !values.name) throw new Error(`enrol needs --branch and --name\n${HELP}`);
  const db = await openDatabase();
  try {
    await migrate(db);
    const hqUrl = values.url ?? `http://${host}:${port}`;
    const r = await enrolBranch(db, { branch: values.branch, name: values.name, hqUrl }, Date.now());
    console.log(`${r.rotated ? 'Enrolled again (the previous code no longer works)' : 'Enrolled'}: ${r.enrolment.branch} ${values.name}`);
    console.log(`HQ data: ${db.description}\n`);
    console.log(`Enrolment code (enter it once in the branch's settings, or scan it):\n\n${r.code}\n`);
    console.log(await QRCode.toString(r.code, { type: 'terminal', small: true }));
  } finally {
    await db.close();
  }
}

/** Everything on standard input: the password, typed (it is not echoed when a terminal hides it) or piped. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, Ctrl-D): ');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

async function addUserCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { user: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } });
  if (!values.user || !values.name) throw new Error(`add-user needs --user and --name\n${HELP}`);
  const role = (values.role ?? 'staff') as UserRole;
  if (!USER_ROLES.includes(role)) throw new Error(`--role is one of ${USER_ROLES.join(', ')}`);
  const password = await readStdin();
  const db = await openDatabase();
  try {
    await migrate(db);
    const { existed } = await addUser(db, { id: values.user, name: values.name, role, password }, Date.now());
    console.log(`${existed ? 'Password reset (signed out everywhere)' : 'Added'}: ${values.user} ${values.name} (${role})`);
    console.log(`HQ data: ${db.description}`);
  } finally {
    await db.close();
  }
}

async function importFile(args: string[]) {
  const file = args[0];
  if (!file) throw new Error(`import needs a file\n${HELP}`);
  // Refused before it is read into memory.
  if ((await stat(file)).size > MAX_EXPORT_BYTES) {
    console.log(`Refused ${file} (too_large): the file exceeds ${MAX_EXPORT_BYTES} bytes. Nothing of it was applied.`);
    process.exitCode = 1;
    return;
  }
  const bytes = new Uint8Array(await readFile(file));
  const db = await openDatabase();
  try {
    await migrate(db);
    const outcome = await importExportFile(db, bytes, Date.now());
    for (const line of describeImport(file, outcome)) console.log(line);
    if (outcome.status === 'refused') process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function calendar(args: string[]) {
  const db = await openDatabase();
  try {
    await migrate(db);
    console.log(await calendarCommand(db, args, Date.now()));
  } finally {
    await db.close();
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  enrol,
  'add-user': addUserCommand,
  calendar,
  import: importFile,
};
const [command = 'serve', ...rest] = process.argv.slice(2);
const run = Object.hasOwn(COMMANDS, command) ? () => COMMANDS[command]!(rest) : null;
if (!run) {
  console.error(HELP);
  process.exit(2);
}
run().catch((e: Error) => {
  console.error(`hq: ${e.message}`);
  process.exit(1);
});
