/** `npm test` starts with scripts/preflight.mjs: what it decides for what the probes found. */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, type Found } from '../../scripts/preflight.mjs';

const ALL: Found = { chromium: true, poppler: true, cjkFonts: true, postgres: true, root: false, apt: true };
const ROOT = resolve(import.meta.dirname, '../..');

describe('scripts/preflight.mjs decide()', () => {
  it('lets the tests run when everything is there', () => {
    expect(decide(ALL)).toEqual({ ok: true });
    expect(decide({ ...ALL, chromiumPath: '/opt/chromium/chrome' })).toEqual({ ok: true });
  });

  it.each([
    ['chromium', 'Chromium', 'chromium'],
    ['poppler', 'pdftotext and pdftoppm', 'poppler-utils'],
    ['cjkFonts', 'Noto Sans CJK', 'fonts-noto-cjk'],
    ['postgres', 'PostgreSQL', 'postgresql'],
  ] as const)('without %s: one paragraph naming it and the command that installs it', (probe, named, apt) => {
    const d = decide({ ...ALL, [probe]: false });
    if (d.ok) throw new Error('expected a refusal');
    expect(d.install).toBeNull();
    expect(d.message).toContain(named);
    expect(d.message).toContain(`sudo apt-get install -y --no-install-recommends ${apt}\``);
    expect(d.message).not.toContain('\n');
  });

  it('names everything that is missing, and one command for all of it', () => {
    const d = decide({ ...ALL, chromium: false, poppler: false, cjkFonts: false });
    if (d.ok) throw new Error('expected a refusal');
    expect(d.message).toMatch(/Chromium .*; pdftotext and pdftoppm .*; the Noto Sans CJK fonts/);
    expect(d.message).toContain('apt-get install -y --no-install-recommends chromium poppler-utils fonts-noto-cjk`');
  });

  it('as root on Debian, installs what is missing itself', () => {
    const d = decide({ ...ALL, poppler: false, cjkFonts: false, root: true });
    expect(d).toMatchObject({ ok: false, install: ['poppler-utils', 'fonts-noto-cjk'] });
  });

  it('as root without apt-get, only says what to install', () => {
    expect(decide({ ...ALL, cjkFonts: false, root: true, apt: false })).toMatchObject({ ok: false, install: null });
  });

  it('a CHROMIUM_PATH that points at nothing is named, and Debian’s chromium is not installed over it', () => {
    const d = decide({ ...ALL, chromium: false, chromiumPath: '/opt/nowhere/chrome', root: true });
    if (d.ok) throw new Error('expected a refusal');
    expect(d.install).toBeNull();
    expect(d.message).toContain('CHROMIUM_PATH=/opt/nowhere/chrome');
    expect(d.message).not.toContain('install -y --no-install-recommends chromium');
  });

  it('a good CHROMIUM_PATH does not stop the installation of the rest', () => {
    const d = decide({ ...ALL, chromiumPath: '/opt/chromium/chrome', poppler: false, root: true });
    expect(d).toMatchObject({ ok: false, install: ['poppler-utils'] });
  });
});

describe('scripts/preflight.mjs on a machine without the programs', () => {
  it('exits 1 before anything runs, with the paragraph on stderr', () => {
    // No PATH: no pdftotext, pdftoppm or fc-list; CHROMIUM_PATH at nothing, so nothing is installed even as root.
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/preflight.mjs')], {
        env: { PATH: '/nonexistent', CHROMIUM_PATH: '/nonexistent/chromium' },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
    } catch (e) {
      ({ status, stderr } = e as { status: number; stderr: string });
    }
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(
      /^npm test stopped before running anything: this machine lacks Chromium at CHROMIUM_PATH=\/nonexistent\/chromium/,
    );
    expect(stderr).toContain('poppler-utils fonts-noto-cjk');
  });
});
