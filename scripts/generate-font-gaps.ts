/** Writes shared/forms/fontGaps.ts from the installed @fontsource packages (see fontGaps.ts). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeFontGaps, fontGapsSource } from './fontGaps';

const target = fileURLToPath(new URL('../../shared/forms/fontGaps.ts', import.meta.url));
writeFileSync(target, fontGapsSource(computeFontGaps()));
console.log(`written ${target}`);
