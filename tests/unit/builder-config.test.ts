/** electron-builder.yml: valid for electron-builder, the installer targets exist, every file it names exists. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { minimatch } from 'minimatch';
import { join, resolve } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  appId: string;
  productName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  win: { icon: string; target: Array<{ target: string }> };
  linux: { icon: string; target: Array<{ target: string }> };
  nsis: Record<string, unknown>;
};

/** A relative path to a resource file, such as build/icon.ico (not an id like cn.countersign.desktop). */
const FILE_LIKE = /^[\w.-]+\/[\w./-]*\.(ico|icns|png|svg|bmp|nsh|nsi|txt|rtf|html|plist|sh)$/i;

/** Every string value in the config that names a file (globs never match FILE_LIKE). */
function namedFiles(value: unknown, path = ''): Array<{ where: string; file: string }> {
  if (typeof value === 'string') return FILE_LIKE.test(value) ? [{ where: path, file: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => namedFiles(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => namedFiles(v, path ? `${path}.${k}` : k));
  return [];
}

const targets = (list: Array<{ target: string }>) => list.map((t) => t.target);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const quietLogger = { isEnabled: false, add() {} } as unknown as Parameters<typeof validateConfiguration>[1];
    await expect(validateConfiguration(config as never, quietLogger)).resolves.toBeUndefined();
  });

  it('names the app and the installer targets: NSIS, AppImage, deb', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Countersign');
    expect(targets(config.win.target)).toContain('nsis');
    expect(targets(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('names only files that exist', () => {
    const files = namedFiles(config);
    expect(files.map((f) => f.where)).toEqual(expect.arrayContaining(['win.icon', 'linux.icon', 'nsis.installerIcon']));
    for (const { where, file } of files) expect(existsSync(join(ROOT, file)), `${where}: ${file}`).toBe(true);
    expect(statSync(join(ROOT, config.directories.buildResources)).isDirectory()).toBe(true);
  });

  it('packages the entry point package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.files).toContain('out/**/*');
    expect(pkg.scripts.dist).toContain('electron-builder');
  });

  it('packs the desktop screens (out/ui) and never the browser edition with its Web Worker store (out/web)', () => {
    const packed = (file: string) => {
      let included = false;
      for (const pattern of config.files) {
        if (pattern.startsWith('!')) {
          if (minimatch(file, pattern.slice(1))) included = false;
        } else if (minimatch(file, pattern)) included = true;
      }
      return included;
    };
    expect(packed('out/ui/index.html')).toBe(true);
    expect(packed('out/electron/main/index.js')).toBe(true);
    expect(packed('out/web/index.html')).toBe(false);
    expect(packed('out/web/assets/worker-1x75ZbCz.js')).toBe(false);
  });

  it('has a 512×512 PNG icon and a Windows icon with a 256×256 image', () => {
    const png = readFileSync(join(ROOT, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

    const ico = readFileSync(join(ROOT, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, k) => ico[6 + 16 * k] || 256);
    expect(widths).toContain(256);
  });

  it('leaves out the font files main never reads, and keeps every one it does', () => {
    const excluded = config.files.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    const packed = (file: string) => !excluded.some((pattern) => minimatch(file, pattern));
    for (const pkg of ['noto-sans-sc', 'noto-sans-tc']) {
      const files = readdirSync(join(ROOT, 'node_modules/@fontsource', pkg, 'files')).map(
        (f) => `node_modules/@fontsource/${pkg}/files/${f}`,
      );
      const read = files.filter((f) => /-(400|700)-normal\.woff2$/.test(f));
      expect(read.length).toBeGreaterThan(100);
      for (const f of read) expect(packed(f), f).toBe(true);
      expect(packed(`node_modules/@fontsource/${pkg}/unicode.json`)).toBe(true);
      expect(files.filter(packed).length).toBe(read.length);
    }
  });
});
