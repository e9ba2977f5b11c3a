/// <reference types="vite/client" />
import type { FontSource } from '../../shared/forms';

/**
 * The printed documents' fonts in the renderer: Vite copies the @fontsource files into the build
 * as assets; a document fetches only the subsets its characters need (shared/forms/fonts.ts).
 */
const URLS = import.meta.glob(
  [
    '../../node_modules/@fontsource/noto-sans-{sc,tc}/unicode.json',
    '../../node_modules/@fontsource/noto-sans-{sc,tc}/files/*-{400,700}-normal.woff2',
  ],
  { query: '?url', import: 'default', eager: true },
) as Record<string, string>;

const BY_PACKAGE_PATH = new Map(Object.entries(URLS).map(([path, url]) => [path.slice(path.indexOf('@fontsource/')), url]));

const cache = new Map<string, Promise<Uint8Array>>();

export const browserFontSource: FontSource = {
  load(file) {
    const url = BY_PACKAGE_PATH.get(file);
    if (!url) return Promise.reject(new Error(`Not a bundled font file: ${file}`));
    let bytes = cache.get(file);
    if (!bytes) {
      bytes = fetch(url).then(async (r) => {
        if (!r.ok) throw new Error(`${file}: ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      });
      bytes.catch(() => cache.delete(file));
      cache.set(file, bytes);
    }
    return bytes;
  },
};
