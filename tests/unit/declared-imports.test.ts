/** Every package tests and scripts import is declared in package.json (scripts/check-imports.mjs). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageOf, specifiersIn, undeclaredImports } from '../../scripts/check-imports.mjs';

describe('scripts/check-imports.mjs', () => {
  it('finds static, type, dynamic and require imports, re-exports and type references', () => {
    // Written with placeholders, so this file's own text holds no import of these made-up packages.
    const text = [
      "IMPORT { a } from 'pkg-a';",
      "IMPORT type { B } from '@scope/b/sub';",
      "IMPORT 'side-effect';",
      "EXPORT { c } from './local';",
      "const d = await IMPORT('pkg-d');",
      "const e = REQUIRE('pkg-e');",
      '/// <REFERENCE types="pkg-f" />',
    ]
      .join('\n')
      .replace(/IMPORT|EXPORT|REQUIRE|REFERENCE/g, (w) => w.toLowerCase());
    expect(specifiersIn(text)).toEqual(
      expect.arrayContaining(['pkg-a', '@scope/b/sub', 'side-effect', './local', 'pkg-d', 'pkg-e', 'pkg-f']),
    );
  });

  it.each([
    ['@scope/b/sub', '@scope/b'],
    ['vitest/config', 'vitest'],
    ['./local', null],
    ['../../shared/x', null],
    ['node:fs', null],
    ['fs/promises', null],
    ['x?worker', 'x'],
  ])('%s is package %s', (specifier, pkg) => {
    expect(packageOf(specifier)).toBe(pkg);
  });

  it('this repository: nothing imported by tests/, scripts/ or the config files is undeclared', () => {
    expect(undeclaredImports(resolve(import.meta.dirname, '../..'))).toEqual([]);
  });
});
