/**
 * The printed documents carry their own CJK font (Noto Sans SC / TC from @fontsource), so a
 * print never depends on the host's fonts. The packages split each weight into ~100 woff2 files
 * by unicode-range (their `unicode.json`); a document embeds, as base64 data URLs, only the files
 * that cover its characters: typically 15–40 files of ~35 KB instead of 3.7 MB a weight.
 *
 * shared/ reads no files itself: the caller injects a {@link FontSource}.
 * - Node (electron/main, tests): read `node_modules/<file>`; see tests/forms/nodeFontSource.ts.
 * - Renderer / Web Worker (Vite): map each file to its asset URL and fetch it, e.g.
 *   ```ts
 *   const urls = import.meta.glob(
 *     ['/node_modules/@fontsource/noto-sans-{sc,tc}/unicode.json',
 *      '/node_modules/@fontsource/noto-sans-{sc,tc}/files/*-{400,700}-normal.woff2'],
 *     { query: '?url', import: 'default', eager: true }) as Record<string, string>;
 *   const fonts: FontSource = {
 *     load: async (file) => new Uint8Array(await (await fetch(urls[`/node_modules/${file}`]!)).arrayBuffer()),
 *   };
 *   ```
 *   Vite copies the 404 matched files (15 MB) into the build as hashed assets and fetches only
 *   those a document needs (checked with this repo's Vite 8 build).
 */
import type { Locale } from '../i18n/translate';
import { FONT_GAPS } from './fontGaps';

/** Reads a file of a font package by its package path, e.g. `@fontsource/noto-sans-sc/unicode.json`. */
export interface FontSource {
  load(file: string): Promise<Uint8Array> | Uint8Array;
}

export interface FontPackage {
  /** The @fontsource package id, also the prefix of its file names. */
  id: string;
  /** The CSS family name used in the document. */
  family: string;
}

export const NOTO_SANS_SC: FontPackage = { id: 'noto-sans-sc', family: 'Noto Sans SC' };
export const NOTO_SANS_TC: FontPackage = { id: 'noto-sans-tc', family: 'Noto Sans TC' };
export const FONT_PACKAGES: readonly FontPackage[] = [NOTO_SANS_SC, NOTO_SANS_TC];

/** Regular text and bold (titles, labels). No other weight is embedded. */
export const FONT_WEIGHTS = [400, 700] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

/** Traditional Chinese prints in the TC glyph shapes; the other family fills in what one lacks. */
export function fontPackagesFor(language: Locale): readonly FontPackage[] {
  return language === 'zh-TW' ? [NOTO_SANS_TC, NOTO_SANS_SC] : [NOTO_SANS_SC, NOTO_SANS_TC];
}

/** The CSS `font-family` value of a document in this language: the bundled families only. */
export function fontFamilyCss(language: Locale): string {
  return fontPackagesFor(language)
    .map((p) => `'${p.family}'`)
    .join(', ');
}

export function manifestFile(pkg: FontPackage): string {
  return `@fontsource/${pkg.id}/unicode.json`;
}

/** `[12]` (a numbered CJK slice) or `latin` → the package's woff2 file of that subset and weight. */
export function subsetFile(pkg: FontPackage, subset: string, weight: FontWeight): string {
  const name = /^\[(\d+)\]$/.exec(subset)?.[1] ?? subset;
  return `@fontsource/${pkg.id}/files/${pkg.id}-${name}-${weight}-normal.woff2`;
}

export interface FontSubset {
  name: string;
  /** The CSS unicode-range descriptor: what the package claims, less what its files lack. */
  unicodeRange: string;
}

/** One package's subsets and, for every code point they cover, the first subset covering it. */
export interface FontManifest {
  pkg: FontPackage;
  subsets: readonly FontSubset[];
  coverage: ReadonlyMap<number, number>;
}

/** Parses a CSS unicode-range value (`U+4e00-4e2f,U+3002,U+4??`) into inclusive [first, last] pairs. */
export function parseUnicodeRange(value: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of value.split(',')) {
    const m = /^\s*U\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?\s*$/i.exec(part);
    if (!m) continue;
    const [, first, last] = m;
    if (first!.includes('?')) {
      ranges.push([parseInt(first!.replace(/\?/g, '0'), 16), parseInt(first!.replace(/\?/g, 'f'), 16)]);
    } else {
      const start = parseInt(first!, 16);
      ranges.push([start, last === undefined ? start : parseInt(last, 16)]);
    }
  }
  return ranges;
}

/** Code points as a CSS unicode-range value: `U+4e00-4e2f,U+6ee1`. */
export function toUnicodeRange(points: Iterable<number>): string {
  const sorted = [...points].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `U+${sorted[i]!.toString(16)}` : `U+${sorted[i]!.toString(16)}-${sorted[j]!.toString(16)}`);
    i = j + 1;
  }
  return parts.join(',');
}

function codePointsOf(range: string): Set<number> {
  const points = new Set<number>();
  for (const [first, last] of parseUnicodeRange(range)) for (let cp = first; cp <= last; cp++) points.add(cp);
  return points;
}

/**
 * Builds a manifest from a package's `unicode.json` ({ "[4]": "U+…", "latin": "U+…" }) less the
 * code points its files do not draw ({@link FONT_GAPS}: a TC slice claims simplified characters
 * it lacks; trusting the claim would leave them to a host font). The numbered CJK slices overlap
 * the named script subsets (slice [119] holds most of ASCII too); a code point goes to the named
 * subset first, so Latin-only text needs the small `latin` file only.
 */
export function parseManifest(
  pkg: FontPackage,
  unicodeJson: Readonly<Record<string, string>>,
  gaps: Readonly<Record<string, string>> = FONT_GAPS[pkg.id] ?? {},
): FontManifest {
  const subsets: FontSubset[] = [];
  const coverage = new Map<number, number>();
  const isSlice = (name: string) => name.startsWith('[');
  const entries = Object.entries(unicodeJson).sort(([a], [b]) => Number(isSlice(a)) - Number(isSlice(b)));
  for (const [name, claimed] of entries) {
    const missing = gaps[name] ? codePointsOf(gaps[name]) : null;
    const drawn = missing ? [...codePointsOf(claimed)].filter((cp) => !missing.has(cp)) : null;
    const index = subsets.push({ name, unicodeRange: drawn ? toUnicodeRange(drawn) : claimed }) - 1;
    for (const cp of drawn ?? codePointsOf(claimed)) if (!coverage.has(cp)) coverage.set(cp, index);
  }
  return { pkg, subsets, coverage };
}

export interface FontFaceChoice {
  pkg: FontPackage;
  subset: FontSubset;
  weight: FontWeight;
  file: string;
}

export interface FontChoice {
  faces: FontFaceChoice[];
  /** Characters no bundled subset covers (they would fall back to a host font). */
  uncovered: string[];
}

/** Characters that need no glyph: controls and line breaks. */
function needsGlyph(cp: number): boolean {
  return cp >= 0x20 && cp !== 0x7f;
}

/**
 * Pure: the subset files that draw `text` at `weight`. Each character comes from the first
 * manifest (in the language's order) that covers it.
 */
export function chooseFontFaces(manifests: readonly FontManifest[], text: string, weight: FontWeight): FontChoice {
  const chosen = new Map<string, FontFaceChoice>();
  const uncovered: string[] = [];
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (seen.has(cp) || !needsGlyph(cp)) continue;
    seen.add(cp);
    const manifest = manifests.find((m) => m.coverage.has(cp));
    if (!manifest) {
      uncovered.push(ch);
      continue;
    }
    const subset = manifest.subsets[manifest.coverage.get(cp)!]!;
    const file = subsetFile(manifest.pkg, subset.name, weight);
    if (!chosen.has(file)) chosen.set(file, { pkg: manifest.pkg, subset, weight, file });
  }
  return { faces: [...chosen.values()], uncovered };
}

/** Per FontSource: parsed manifests and base64 file contents, so repeated prints read each file once. */
interface FontCache {
  manifests: Map<string, Promise<FontManifest>>;
  base64: Map<string, Promise<string>>;
}
const caches = new WeakMap<FontSource, FontCache>();

function cacheOf(fonts: FontSource): FontCache {
  let cache = caches.get(fonts);
  if (!cache) {
    cache = { manifests: new Map(), base64: new Map() };
    caches.set(fonts, cache);
  }
  return cache;
}

function remembered<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = make();
    // A failed read is not remembered: the next print tries again.
    value.catch(() => map.delete(key));
    map.set(key, value);
  }
  return value;
}

export function loadManifest(fonts: FontSource, pkg: FontPackage): Promise<FontManifest> {
  return remembered(cacheOf(fonts).manifests, pkg.id, async () => {
    const bytes = await fonts.load(manifestFile(pkg));
    return parseManifest(pkg, JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>);
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function loadBase64(fonts: FontSource, file: string): Promise<string> {
  return remembered(cacheOf(fonts).base64, file, async () => toBase64(await fonts.load(file)));
}

export interface DocumentFonts {
  /** @font-face rules with the chosen files inlined as data URLs. */
  css: string;
  /** The value for `font-family`. */
  fontFamily: string;
  faces: FontFaceChoice[];
  uncovered: string[];
}

/** @font-face rules for a document's regular and bold text, in the language's family order. */
export async function documentFonts(fonts: FontSource, language: Locale, text: { regular: string; bold: string }): Promise<DocumentFonts> {
  const manifests = await Promise.all(fontPackagesFor(language).map((pkg) => loadManifest(fonts, pkg)));
  const regular = chooseFontFaces(manifests, text.regular, 400);
  const bold = chooseFontFaces(manifests, text.bold, 700);
  const faces = [...regular.faces, ...bold.faces];
  const data = await Promise.all(faces.map((face) => loadBase64(fonts, face.file)));
  const css = faces
    .map(
      (face, i) =>
        `@font-face{font-family:'${face.pkg.family}';font-style:normal;font-weight:${face.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${data[i]}) format('woff2');unicode-range:${face.subset.unicodeRange}}`,
    )
    .join('\n');
  const uncovered = [...new Set([...regular.uncovered, ...bold.uncovered])];
  return { css, fontFamily: fontFamilyCss(language), faces, uncovered };
}
