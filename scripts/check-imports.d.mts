/** Types of scripts/check-imports.mjs for the TypeScript that imports it (its unit test). */
export function specifiersIn(text: string): string[];
export function packageOf(specifier: string): string | null;
export function undeclaredImports(root: string): { file: string; specifier: string; pkg: string }[];
