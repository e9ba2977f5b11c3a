/** Types of scripts/start.mjs for the TypeScript that imports it (the e2e fixtures). */
export function findElectronBinary(): { path: string } | { missing: string };
export function missingBinaryMessage(where: string): string;
