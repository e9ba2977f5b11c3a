/** Types of scripts/preflight.mjs for the TypeScript that imports it (its unit test). */
export interface Found {
  chromium: boolean;
  poppler: boolean;
  cjkFonts: boolean;
  postgres: boolean;
  chromiumPath?: string | undefined;
  root: boolean;
  apt: boolean;
}
export type Decision = { ok: true } | { ok: false; install: string[] | null; message: string };
export const DEFAULT_CHROMIUM: string;
export const NEEDS: readonly { id: 'chromium' | 'poppler' | 'cjkFonts' | 'postgres'; name: string; apt: string; why: string }[];
export function decide(found: Found): Decision;
export function probe(env?: NodeJS.ProcessEnv): Found;
