// @ts-check
/**
 * Lint configuration: typescript-eslint's recommended rules plus the import layering of
 * docs/architecture.md ("Layers: who may import whom"):
 *   shared/          imports nothing of electron/, renderer/, hq/; no Electron, Node or DOM modules
 *   renderer/        imports shared/ only
 *   electron/store/  imports shared/ only
 *   electron/preload imports shared/ only (it is sandboxed: 'electron' yes, Node builtins no)
 *   electron/main/   imports shared/ and electron/*
 *   hq/              imports shared/ only (a separate server)
 * Local imports are resolved to files and classified by eslint-plugin-boundaries; bare module
 * names (electron, node:fs, react, …) are banned per folder with no-restricted-imports.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** Every Node builtin by its bare name ('fs', 'fs/promises'); 'node:*' is banned by pattern. */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('node:'));

const nodeBuiltinsBan = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: 'Node builtins are not available here (see docs/architecture.md, "Layers").' })),
  patterns: [{ group: ['node:*'], message: 'Node builtins are not available here (see docs/architecture.md, "Layers").' }],
};

const electronBan = (where) => ({
  paths: [{ name: 'electron', message: `${where} must not import Electron (only electron/main and electron/preload do).` }],
  patterns: [{ group: ['electron/*', '@electron/*'], message: `${where} must not import Electron.` }],
});

/** Modules that need a DOM, a browser storage or React: not allowed in pure shared/. */
const DOM_ONLY = [
  'react',
  'react-dom',
  'react-dom/*',
  'react/*',
  '@mui/*',
  '@emotion/*',
  'dexie',
  'dexie-*',
  'react-hook-form',
  'react-i18next',
  'i18next-browser-languagedetector',
  'electron-store',
];

/** Local imports are written without an extension (moduleResolution "Bundler"), so the layering check can resolve them. */
const localExtensionBan = {
  patterns: [
    {
      regex: '^\\.{1,2}/.*\\.(?:js|jsx|mjs|cjs|ts|tsx)$',
      message:
        'Import local modules without an extension (moduleResolution "Bundler"); the layering check resolves extensionless paths only.',
    },
  ],
};

const merge = (...bans) => ({
  paths: [localExtensionBan, ...bans].flatMap((b) => b.paths ?? []),
  patterns: [localExtensionBan, ...bans].flatMap((b) => b.patterns ?? []),
});

/** Globals that exist only in a browser or only in Node. */
const NON_PORTABLE_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'alert',
  'confirm',
  'prompt',
  'self',
  'process',
  'require',
  'module',
  '__dirname',
  '__filename',
  'Buffer',
  'global',
].map((name) => ({
  name,
  message: 'shared/ is pure TypeScript: no DOM or Node globals; inject what you need.',
}));

const layer = (type) => ({ element: { type } });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      '.vite/',
      'coverage/',
      '**/*.d.ts.map',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JS/MJS scripts (this file, scripts/*.mjs) run in Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },

  // ---- Layering between folders (resolved imports) ----
  {
    files: ['shared/**', 'electron/**', 'renderer/**', 'hq/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: TS_EXTENSIONS } },
      'boundaries/include': ['shared/**', 'electron/**', 'renderer/**', 'hq/**'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared' },
        { type: 'main', pattern: 'electron/main' },
        { type: 'preload', pattern: 'electron/preload' },
        { type: 'store', pattern: 'electron/store' },
        { type: 'renderer', pattern: 'renderer' },
        { type: 'hq', pattern: 'hq' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'Layering (docs/architecture.md, "Layers"): {{from.type}} may not import {{to.type}}.',
          policies: [
            // Bare module names (npm packages, builtins) are handled by no-restricted-imports below.
            { allow: { to: { module: { origin: 'external' } } } },
            { allow: { to: { module: { origin: 'core' } } } },
            { from: layer('shared'), allow: { to: layer('shared') } },
            { from: layer('renderer'), allow: { to: { element: { types: { anyOf: ['renderer', 'shared'] } } } } },
            { from: layer('store'), allow: { to: { element: { types: { anyOf: ['store', 'shared'] } } } } },
            { from: layer('preload'), allow: { to: { element: { types: { anyOf: ['preload', 'shared'] } } } } },
            { from: layer('hq'), allow: { to: { element: { types: { anyOf: ['hq', 'shared'] } } } } },
            {
              from: layer('main'),
              allow: { to: { element: { types: { anyOf: ['main', 'shared', 'store', 'preload'] } } } },
            },
          ],
        },
      ],
      // A local import that cannot be resolved to a file cannot be checked: refuse it.
      'boundaries/no-unknown-dependencies': 'error',
    },
  },

  // ---- Module bans per folder (bare specifiers) ----
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        merge(electronBan('shared/'), nodeBuiltinsBan, {
          patterns: [{ group: DOM_ONLY, message: 'shared/ is pure TypeScript: no DOM/React/IndexedDB modules.' }],
        }),
      ],
      'no-restricted-globals': ['error', ...NON_PORTABLE_GLOBALS],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        merge(electronBan('renderer/'), nodeBuiltinsBan, {
          patterns: [{ group: ['dexie', 'dexie-*'], message: 'The screens never open Dexie: use the typed store API.' }],
        }),
      ],
    },
  },
  {
    files: ['electron/store/**'],
    rules: {
      // The store host runs in a hidden window, a Web Worker or Node tests: no Electron, no Node.
      'no-restricted-imports': ['error', merge(electronBan('electron/store/'), nodeBuiltinsBan)],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      // A sandboxed preload gets a subset of 'electron' and no Node builtins.
      'no-restricted-imports': ['error', merge(nodeBuiltinsBan)],
    },
  },
  {
    files: ['electron/main/**', 'hq/**'],
    rules: {
      'no-restricted-imports': ['error', merge()],
    },
  },
);
