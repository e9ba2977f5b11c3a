#!/usr/bin/env node
/**
 * Every package the tests and scripts import is declared in package.json (dependencies or
 * devDependencies), so a clean `npm ci` is enough to run them: nothing may work only because
 * another package happened to pull it into node_modules.
 *
 *   node scripts/check-imports.mjs     lists undeclared imports and exits 1, or says all is declared
 *
 * Scans tests/**, scripts/** and the root config files; local paths and Node builtins are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'playwright-report']);
const BUILTINS = new Set(builtinModules);

/** Module specifiers in a file: static and dynamic imports, re-exports, require(), type references. */
export function specifiersIn(text) {
  const found = [];
  const patterns = [
    /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /(?:^|[^\w$.])import\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /(?:^|[^\w$.])require(?:\.resolve)?\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\/\/\/\s*<reference\s+types=['"]([^'"]+)['"]/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** The package a bare specifier names ('@scope/pkg/sub' → '@scope/pkg', 'pkg/sub' → 'pkg'); null for local paths and builtins. */
export function packageOf(specifier) {
  const spec = specifier.split('?')[0];
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec.startsWith('virtual:')) return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (BUILTINS.has(name) || BUILTINS.has(spec)) return null;
  return name;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield join(dir, entry.name);
  }
}

/** [{file, specifier, pkg}] for every import of a package package.json does not declare. */
export function undeclaredImports(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
  const files = [
    ...sourceFiles(join(root, 'tests')),
    ...sourceFiles(join(root, 'scripts')),
    ...readdirSync(root)
      .filter((f) => /\.config\.[cm]?[jt]s$/.test(f))
      .map((f) => join(root, f)),
  ];
  const missing = [];
  for (const file of files) {
    for (const specifier of specifiersIn(readFileSync(file, 'utf8'))) {
      const pkg = packageOf(specifier);
      // @types/x declares the types of x: importing x's types needs x or @types/x.
      if (pkg && !declared.has(pkg) && !declared.has(`@types/${pkg.replace(/^@/, '').replace('/', '__')}`))
        missing.push({ file: relative(root, file), specifier, pkg });
    }
  }
  return missing;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const missing = undeclaredImports(root);
  if (missing.length) {
    for (const m of missing) console.error(`${m.file}: imports '${m.specifier}', but package.json does not declare ${m.pkg}`);
    const pkgs = [...new Set(missing.map((m) => m.pkg))].join(' ');
    console.error(`\nDeclare them: npm i -D --save-exact ${pkgs}`);
    process.exit(1);
  }
  console.log('every package imported by tests/, scripts/ and the config files is declared in package.json');
}
