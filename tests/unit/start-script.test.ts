/** `npm start` (scripts/start.mjs): explains a missing Electron binary; builds and runs one that exists. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UserConfig } from 'vite';
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

    // The desktop screens: the desktop transport, and no Web Worker store (nor any worker) at all.
    const files = readdirSync(join(ROOT, 'out/ui'), { recursive: true, encoding: 'utf8' });
    expect(files).toContain('index.html');
    const scripts = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(ROOT, 'out/ui', f), 'utf8'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(files.filter((f) => /worker/i.test(f))).toEqual([]);
    for (const code of scripts) {
      expect(code).not.toMatch(/new Worker\b|countersign-store|indexedDB\.open/);
    }
    expect(scripts.some((code) => code.includes('store:request-port'))).toBe(true);
  }, 180_000); // a full build of main, the preloads, the store window and the screens (with the print fonts)
});

describe('renderer/vite.config.ts', () => {
  it('resolves `.desktop.ts` twins first in the desktop build only, each edition into its own folder', async () => {
    const { default: config, DESKTOP_EXTENSIONS } = await import('../../renderer/vite.config');
    const desktop = await (config as (env: { mode: string; command: 'build' }) => Promise<UserConfig> | UserConfig)({
      mode: 'desktop',
      command: 'build',
    });
    const web = await (config as (env: { mode: string; command: 'build' }) => Promise<UserConfig> | UserConfig)({
      mode: 'production',
      command: 'build',
    });
    expect(desktop.resolve?.extensions?.slice(0, DESKTOP_EXTENSIONS.length)).toEqual(DESKTOP_EXTENSIONS);
    expect(web.resolve?.extensions?.some((e) => e.includes('desktop'))).toBe(false);
    expect(desktop.build?.outDir).toBe('../out/ui');
    expect(web.build?.outDir).toBe('../out/web');
    expect(existsSync(join(ROOT, 'renderer/bridge/transport.desktop.ts'))).toBe(true);
  });
});
