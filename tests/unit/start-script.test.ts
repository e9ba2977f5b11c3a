/** `npm start` (scripts/start.mjs): explains a missing Electron binary; builds and runs one that exists. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/start.mjs');
const temp = mkdtempSync(join(tmpdir(), 'countersign-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function runStart(overrideDistPath: string) {
  return spawnSync(process.execPath, [SCRIPT, '--probe-arg'], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: overrideDistPath },
  });
}

describe('scripts/start.mjs', () => {
  it('prints one paragraph and exits 1 when the Electron binary is missing', () => {
    const result = runStart(join(temp, 'no-electron-here'));
    expect(result.status).toBe(1);
    const message = result.stderr.trim();
    const flat = message.replace(/\s+/g, ' ');
    expect(flat).toContain('the Electron binary could not be obtained on this machine');
    expect(flat).toContain(join(temp, 'no-electron-here'));
    expect(flat).toContain('npx install-electron');
    expect(flat).toContain('ELECTRON_MIRROR');
    expect(flat).toContain('npm run web');
    expect(message).not.toMatch(/\n\s*\n/); // one paragraph
    expect(message).not.toContain('Downloading'); // never retries the download itself
  });

  it('builds main and preload into out/ and runs the binary on the project', () => {
    const dist = join(temp, 'fake-electron');
    const argsFile = join(temp, 'args.txt');
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 0\n`);
    chmodSync(join(dist, 'electron'), 0o755);

    const result = runStart(dist);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([ROOT, '--probe-arg']);
    expect(existsSync(join(ROOT, 'out/electron/main/index.js'))).toBe(true);
    expect(readFileSync(join(ROOT, 'out/electron/preload/index.cjs'), 'utf8')).toContain('exposeInMainWorld');
  }, 180_000); // a full build of main, the preloads, the store window and the screens (with the print fonts)
});
