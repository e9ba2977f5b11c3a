/**
 * The browser edition's build starts the counter without code it does not need yet: the page's
 * entry starts the store worker before the screens' code loads, the worker starts without
 * ExcelJS (loaded when a spreadsheet is first made), and the oversight screens' charts load when
 * those screens are opened.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUT = mkdtempSync(join(tmpdir(), 'countersign-web-build-'));
const assets: Record<string, string> = {};
let entry = '';

beforeAll(async () => {
  await build({ configFile: 'renderer/vite.config.ts', logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
  for (const name of readdirSync(join(OUT, 'assets')).filter((n) => n.endsWith('.js')))
    assets[name] = readFileSync(join(OUT, 'assets', name), 'utf8');
  entry = /<script type="module"[^>]* src="\/assets\/([^"]+)"/.exec(readFileSync(join(OUT, 'index.html'), 'utf8'))?.[1] ?? '';
}, 120_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const chunk = (prefix: string) => Object.keys(assets).find((n) => n.startsWith(prefix)) ?? '';
/** A text only ExcelJS holds: the path of a workbook's part inside an .xlsx file. */
const EXCELJS = 'xl/workbook.xml';
/** A class name only MUI X Charts holds. */
const CHARTS = 'MuiChartsAxis';

describe('the browser edition build', () => {
  it("starts the store worker from a small entry, before React and the screens' code", () => {
    expect(assets[entry]).toBeDefined();
    const worker = chunk('worker-');
    expect(worker).not.toBe('');
    expect(assets[entry]).toContain(worker);
    expect(assets[entry]).not.toContain('react-dom');
    expect(assets[entry]!.length).toBeLessThan(200_000);
  });

  it('keeps ExcelJS out of the store worker until a spreadsheet is made', () => {
    const worker = assets[chunk('worker-')]!;
    expect(worker).not.toContain(EXCELJS);
    expect(Object.entries(assets).some(([name, code]) => name !== chunk('worker-') && code.includes(EXCELJS))).toBe(true);
  });

  it("loads the charts with the statistics screen, not with the counter's screens", () => {
    expect(assets[chunk('boot-')]).toBeDefined();
    expect(assets[chunk('boot-')]).not.toContain(CHARTS);
    expect(assets[chunk('StatsScreen-')]).toContain(CHARTS);
  });
});
