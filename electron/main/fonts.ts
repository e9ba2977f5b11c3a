/**
 * The printed documents' fonts in main (and in Node tests): the @fontsource packages' files, read
 * from node_modules (inside the app's asar once packed; `createRequire(...).resolve` finds them
 * either way). Only the bundled font packages' own files are read: the path comes from
 * shared/forms, but a reader of files should not trust it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FontSource } from '../../shared/forms';

const FONT_FILE = /^@fontsource\/noto-sans-(sc|tc)\/(unicode\.json|files\/noto-sans-(sc|tc)-[a-z0-9-]+-(400|700)-normal\.woff2)$/;

export function nodeFontSource(resolveFrom: string = import.meta.url): FontSource & { reads: string[] } {
  const require = createRequire(resolveFrom);
  const reads: string[] = [];
  return {
    reads,
    async load(file: string): Promise<Uint8Array> {
      if (!FONT_FILE.test(file)) throw new Error(`Not a bundled font file: ${file}`);
      reads.push(file);
      return readFile(require.resolve(file));
    },
  };
}
