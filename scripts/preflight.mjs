#!/usr/bin/env node
/**
 * First step of `npm test`: the system programs the tests need, checked before anything runs, so a
 * machine without them stops at once with one paragraph instead of failing an hour in.
 *
 *   - Chromium: the store tests in a real browser and the e2e suite drive Debian's
 *     /usr/bin/chromium (CHROMIUM_PATH names another binary). Never `npx playwright install`.
 *   - poppler-utils (pdftotext, pdftoppm): the printed-form tests read their PDFs back.
 *   - fonts-noto-cjk (Noto Sans CJK): the page the screenshots and print tests compare against.
 *   - PostgreSQL (postgresql: initdb, pg_ctl): the head-office tests run against a real server too,
 *     a throwaway cluster that scripts/with-postgres.mjs starts for `npm run test:node`.
 *
 * As root on Debian (as in CI, see .ci/run) the missing packages are installed with apt-get;
 * anywhere else the paragraph names them and the command that installs them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const APT_GET = '/usr/bin/apt-get';

/** What the tests need, the Debian package that provides it, and what it is for. */
export const NEEDS = [
  { id: 'chromium', name: 'Chromium', apt: 'chromium', why: 'the browser and end-to-end tests drive it' },
  { id: 'poppler', name: 'pdftotext and pdftoppm', apt: 'poppler-utils', why: 'the printed-form tests read their PDFs back' },
  { id: 'cjkFonts', name: 'the Noto Sans CJK fonts', apt: 'fonts-noto-cjk', why: 'Chinese text in the browser must render' },
  { id: 'postgres', name: 'PostgreSQL (initdb)', apt: 'postgresql', why: 'the head-office tests run against a real PostgreSQL' },
];

/** Debian's PostgreSQL binaries are not on PATH; scripts/with-postgres.mjs looks in the same places. */
const POSTGRES_LIB = '/usr/lib/postgresql';

/**
 * The decision, from what the probes found.
 * @param {{ chromium: boolean, poppler: boolean, cjkFonts: boolean, postgres: boolean, chromiumPath?: string, root: boolean, apt: boolean }} found
 *   chromiumPath: CHROMIUM_PATH when set (then the tests use that binary, and it is not installed by apt);
 *   root: running as root; apt: apt-get exists (Debian or a derivative).
 * @returns {{ ok: true } | { ok: false, install: string[] | null, message: string }}
 *   install: the packages to install now with apt-get (root on Debian), else null and the message says what to do.
 */
export function decide(found) {
  const missing = NEEDS.filter((n) => !found[n.id]);
  if (!missing.length) return { ok: true };
  const customChromium = !!found.chromiumPath && !found.chromium;
  const packages = missing.filter((n) => !(n.id === 'chromium' && found.chromiumPath)).map((n) => n.apt);
  const install = found.root && found.apt && !customChromium && packages.length ? packages : null;
  const lacking = missing
    .map((n) =>
      n.id === 'chromium' && found.chromiumPath
        ? `Chromium at CHROMIUM_PATH=${found.chromiumPath} (no executable file there)`
        : `${n.name} (${n.why})`,
    )
    .join('; ');
  const steps = [];
  if (packages.length)
    steps.push(
      `install ${packages.length > 1 ? 'them' : 'it'} with \`sudo apt-get install -y --no-install-recommends ${packages.join(' ')}\``,
    );
  if (customChromium)
    steps.push('point CHROMIUM_PATH at a Chromium binary, or unset it to use Debian’s /usr/bin/chromium (package chromium)');
  const message =
    `npm test stopped before running anything: this machine lacks ${lacking}. ` +
    `${steps.join(', and ').replace(/^./, (c) => c.toUpperCase())}, then run npm test again ` +
    '(CHROMIUM_PATH may name another Chromium; never `npx playwright install`). ' +
    'As root on Debian, npm test and .ci/run install the packages themselves.';
  return { ok: false, install, message };
}

/** The probes, on this machine. */
export function probe(env = process.env) {
  const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).error === undefined;
  const executable = (path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const fontList = () => {
    try {
      return execFileSync('fc-list', [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return '';
    }
  };
  const initdb = () =>
    (existsSync(POSTGRES_LIB) && readdirSync(POSTGRES_LIB).some((v) => existsSync(join(POSTGRES_LIB, v, 'bin', 'initdb')))) ||
    (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'initdb')));
  const chromiumPath = env.CHROMIUM_PATH || undefined;
  return {
    chromium: executable(chromiumPath ?? DEFAULT_CHROMIUM),
    poppler: has('pdftotext', ['-v']) && has('pdftoppm', ['-v']),
    cjkFonts: /Noto Sans CJK/i.test(fontList()),
    postgres: initdb(),
    chromiumPath,
    root: typeof process.getuid === 'function' && process.getuid() === 0,
    apt: existsSync(APT_GET),
  };
}

function main() {
  let decision = decide(probe());
  if (!decision.ok && decision.install) {
    console.log(`preflight: installing ${decision.install.join(' ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const stdio = /** @type {const} */ (['ignore', 'inherit', 'inherit']);
    try {
      execFileSync(APT_GET, ['update'], { stdio, env });
      execFileSync(APT_GET, ['install', '-y', '--no-install-recommends', ...decision.install], { stdio, env });
    } catch (e) {
      console.error(`preflight: apt-get failed (${e instanceof Error ? e.message : e})`);
    }
    decision = decide({ ...probe(), root: false });
  }
  if (!decision.ok) {
    console.error(`\n${decision.message}\n`);
    process.exit(1);
  }
  console.log(
    `preflight: Chromium (${process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM}), pdftotext, pdftoppm, Noto Sans CJK and PostgreSQL are present`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
