#!/usr/bin/env node
/**
 * Runs a command with a throwaway PostgreSQL cluster: `node scripts/with-postgres.mjs vitest run --project node`.
 *
 * initdb into a fresh temporary folder, listen on 127.0.0.1 on a free port (socket in that folder),
 * create a database, run the command with HQ_TEST_DATABASE_URL pointing at it, then always stop the
 * cluster and remove the folder (on exit, Ctrl-C or SIGTERM). PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the `postgres` user (runuser). Without PostgreSQL binaries it says
 * why and runs the command without the variable (the hq tests then skip their PostgreSQL suites).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATABASE = 'countersign_test';
const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, else a folder on PATH that does. */
function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  return (process.env.PATH ?? '').split(delimiter).find((dir) => dir && existsSync(join(dir, 'initdb'))) ?? null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => ok(port));
    });
  });
}

function userIds(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a PostgreSQL tool, as the postgres user when we are root; throws with its output on failure. */
function makeRunner(binDir, asPostgres) {
  return (tool, args) => {
    const command = asPostgres ? ['runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args]] : [join(binDir, tool), args];
    const r = spawnSync(command[0], command[1], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  };
}

function runCommand(argv, env) {
  const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((ok) => {
    child.on('error', (e) => {
      console.error(`with-postgres: could not run ${argv[0]}: ${e.message}`);
      ok(127);
    });
    child.on('exit', (code, signal) => ok(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  if (!argv.length) {
    console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
    process.exit(2);
  }
  // Like `npm run`: the project's own binaries (vitest, tsx) are found by name.
  const env = { ...process.env, PATH: [join(ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };
  delete env.HQ_TEST_DATABASE_URL;

  const binDir = findBinDir();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const owner = root ? userIds('postgres') : null;
  let why = null;
  if (!binDir) why = 'no PostgreSQL binaries (initdb) found in /usr/lib/postgresql/*/bin or on PATH (Debian: apt-get install postgresql)';
  else if (root && !owner) why = 'running as root and there is no `postgres` user to run PostgreSQL as';
  if (why) {
    console.warn(`with-postgres: ${why}; running the command without HQ_TEST_DATABASE_URL.`);
    process.exit(await runCommand(argv, env));
  }

  const dir = mkdtempSync(join(tmpdir(), 'countersign-pg-'));
  const data = join(dir, 'data');
  const run = makeRunner(binDir, root);
  let started = false;
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    try {
      if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch (e) {
      console.error(`with-postgres: stopping the cluster: ${e instanceof Error ? e.message : e}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  // Before the command starts, a signal stops us right away; afterwards it is forwarded to the command.
  const early = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', early);
  process.once('SIGTERM', early);

  let code;
  try {
    mkdirSync(data);
    if (owner) {
      chownSync(dir, owner.uid, owner.gid);
      chownSync(data, owner.uid, owner.gid);
    }
    const port = await freePort();
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const options = [
      `-c listen_addresses=127.0.0.1`,
      `-p ${port}`,
      `-k ${dir}`,
      '-c max_connections=200',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
    started = true;
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', DATABASE]);
    const url = `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
    console.log(`with-postgres: PostgreSQL (${binDir}) on 127.0.0.1:${port}, HQ_TEST_DATABASE_URL=${url}`);
    process.off('SIGINT', early);
    process.off('SIGTERM', early);
    code = await runCommand(argv, { ...env, HQ_TEST_DATABASE_URL: url });
  } catch (e) {
    console.error(`with-postgres: ${e instanceof Error ? e.message : e}`);
    code = 1;
  }
  cleanup();
  process.exit(code);
}

main();
