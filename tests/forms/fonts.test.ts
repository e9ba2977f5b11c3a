import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseFontFaces,
  FONT_PACKAGES,
  fontPackagesFor,
  loadManifest,
  parseUnicodeRange,
  subsetFile,
  type FontManifest,
} from '../../shared/forms';
import { documentFonts } from '../../shared/forms/fonts';
import { FONT_GAPS } from '../../shared/forms/fontGaps';
import { computeFontGaps } from './fontGaps';
import { nodeFontSource } from '../../electron/main/fonts';

const fonts = nodeFontSource();
let sc: FontManifest;
let tc: FontManifest;

beforeAll(async () => {
  [sc, tc] = (await Promise.all(FONT_PACKAGES.map((p) => loadManifest(fonts, p)))) as [FontManifest, FontManifest];
});

/** Whether a code point lies in a CSS unicode-range value. */
function inRange(range: string, cp: number): boolean {
  return parseUnicodeRange(range).some(([a, b]) => cp >= a && cp <= b);
}

describe('unicode-range parsing', () => {
  it('reads single code points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+4e00-4e2f,U+3002, U+4??')).toEqual([
      [0x4e00, 0x4e2f],
      [0x3002, 0x3002],
      [0x400, 0x4ff],
    ]);
    expect(parseUnicodeRange('U+1F1E9-1F1F5')).toEqual([[0x1f1e9, 0x1f1f5]]);
    expect(parseUnicodeRange('nonsense,U+')).toEqual([]);
  });

  it("parses the packages' own unicode.json: ~100 subsets each, over 12,000 characters", () => {
    for (const m of [sc, tc]) {
      expect(m.subsets.length).toBeGreaterThan(90);
      expect(m.subsets.some((s) => s.name === 'latin')).toBe(true);
      expect(m.coverage.size).toBeGreaterThan(12_000);
    }
    expect(sc.coverage.has('投'.codePointAt(0)!)).toBe(true);
    expect(tc.coverage.has('訴'.codePointAt(0)!)).toBe(true);
  });
});

describe('choosing the subset files a text needs', () => {
  it('ASCII text needs the latin subset only, no CJK slice', () => {
    const { faces, uncovered } = chooseFontFaces(
      [sc, tc],
      'Customer Complaint Registration Form, No. BJ01-20260302-001 (Walk-in) 138 1234 5678',
      400,
    );
    expect(uncovered).toEqual([]);
    expect(faces.map((f) => f.subset.name)).toEqual(['latin']);
    expect(faces[0]!.file).toBe('@fontsource/noto-sans-sc/files/noto-sans-sc-latin-400-normal.woff2');
  });

  it('Chinese text gets the subsets covering each of its characters, and only those', () => {
    const text = '客户投诉登记表：客户于 2 月 26 日典当足金手镯一只，鉴定估价明显低于当日金价。情况核实、处理意见、处理结果、客户回访。';
    const { faces, uncovered } = chooseFontFaces([sc, tc], text, 400);
    expect(uncovered).toEqual([]);
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20) continue;
      expect(
        faces.some((f) => inRange(f.subset.unicodeRange, cp)),
        ch,
      ).toBe(true);
    }
    // Every chosen file is needed by some character, and a short text needs a handful, not all ~100.
    for (const face of faces)
      expect(
        [...text].some((ch) => inRange(face.subset.unicodeRange, ch.codePointAt(0)!)),
        face.file,
      ).toBe(true);
    expect(faces.length).toBeGreaterThan(3);
    expect(faces.length).toBeLessThan(30);
    expect(faces.every((f) => f.pkg.id === 'noto-sans-sc')).toBe(true);
  });

  it('zh-TW prints in Noto Sans TC first; the other family fills in what one lacks', () => {
    expect(fontPackagesFor('zh-TW').map((p) => p.id)).toEqual(['noto-sans-tc', 'noto-sans-sc']);
    expect(fontPackagesFor('zh-CN').map((p) => p.id)).toEqual(['noto-sans-sc', 'noto-sans-tc']);
    expect(fontPackagesFor('en').map((p) => p.id)).toEqual(['noto-sans-sc', 'noto-sans-tc']);
    const { faces } = chooseFontFaces([tc, sc], '客戶投訴登記表', 700);
    expect(faces.every((f) => f.pkg.id === 'noto-sans-tc' && f.weight === 700 && f.file.endsWith('-700-normal.woff2'))).toBe(true);
  });

  it('reports characters no bundled font covers', () => {
    const { uncovered } = chooseFontFaces([sc, tc], '王\u{F0000}小明\u{10FFFD}', 400);
    expect(uncovered).toEqual(['\u{F0000}', '\u{10FFFD}']);
  });

  it('names the package files', () => {
    expect(subsetFile(FONT_PACKAGES[0]!, '[12]', 400)).toBe('@fontsource/noto-sans-sc/files/noto-sans-sc-12-400-normal.woff2');
    expect(subsetFile(FONT_PACKAGES[1]!, 'latin-ext', 700)).toBe('@fontsource/noto-sans-tc/files/noto-sans-tc-latin-ext-700-normal.woff2');
  });
});

describe('the @font-face rules of a document', () => {
  it('inlines each chosen file once as a woff2 data URL with its unicode-range, and reads a file once per FontSource', async () => {
    const source = nodeFontSource();
    const text = { regular: '投诉内容：鉴定估价偏低 abc', bold: '客户投诉登记表' };
    const first = await documentFonts(source, 'zh-CN', text);
    expect(first.css.match(/@font-face/g)?.length).toBe(first.faces.length);
    expect(first.css).toContain("font-family:'Noto Sans SC'");
    expect(first.css).toMatch(/src:url\(data:font\/woff2;base64,d09GMg/); // "wOF2"
    expect(first.css).toContain('font-weight:700');
    expect(first.fontFamily).toBe("'Noto Sans SC', 'Noto Sans TC'");
    const reads = source.reads.length;
    expect(reads).toBe(2 + first.faces.length);
    const again = await documentFonts(source, 'zh-CN', text);
    expect(again.css).toBe(first.css);
    expect(source.reads.length).toBe(reads);
  });

  it('the Node FontSource serves the font packages and nothing else', async () => {
    const source = nodeFontSource();
    await expect(source.load('@fontsource/noto-sans-sc/../../../package.json')).rejects.toThrow(/Not a bundled font file/);
    await expect(source.load('/etc/passwd')).rejects.toThrow(/Not a bundled font file/);
    expect((await source.load('@fontsource/noto-sans-tc/files/noto-sans-tc-latin-400-normal.woff2')).byteLength).toBeGreaterThan(1000);
  });
});

describe('glyphs the subsets really have', () => {
  it('shared/forms/fontGaps.ts matches the installed font files (regenerate it after upgrading the packages)', () => {
    expect(FONT_GAPS).toEqual(computeFontGaps());
    // Parses every font file of both packages: seconds on a busy two-core machine.
  }, 60_000);

  it('a character a TC slice claims but does not draw (满, simplified) comes from Noto Sans SC, not a host font', () => {
    const man = '满'.codePointAt(0)!;
    expect(parseUnicodeRange(FONT_GAPS['noto-sans-tc']!['[100]']!).some(([a, b]) => man >= a && man <= b)).toBe(true);
    expect(tc.coverage.has(man)).toBe(false);
    const { faces, uncovered } = chooseFontFaces([tc, sc], '客户表示满意，感谢及时处理。', 400);
    expect(uncovered).toEqual([]);
    const forMan = faces.filter((f) => inRange(f.subset.unicodeRange, man));
    expect(forMan.map((f) => f.pkg.id)).toEqual(['noto-sans-sc']);
    // The @font-face unicode-range no longer claims it for TC.
    for (const f of faces.filter((x) => x.pkg.id === 'noto-sans-tc')) expect(inRange(f.subset.unicodeRange, man)).toBe(false);
  });
});
