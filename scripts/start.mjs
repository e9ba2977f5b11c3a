#!/usr/bin/env node
/**
 * `npm start`: build the main process, the preloads, the hidden store window's page (out/electron)
 * and the desktop edition's screens (out/ui: renderer/vite.config.ts in mode 'desktop', with no
 * Web Worker store) and run Electron on them.
 *
 * The Electron binary is downloaded by the electron package's install script, which fails (or is
 * skipped) on offline machines. We look for it the way `require('electron')` does, but without its
 * side effect of retrying the download, and explain what to do when it is missing.
 *
 * `node scripts/start.mjs --build-only` builds without running (used by `npm run dist`).
 * Environment: ELECTRON_OVERRIDE_DIST_PATH (Electron's own: a folder holding an unpacked Electron).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'out', 'electron');
const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} where the binary is, or where it was looked for. */
export function findElectronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package (node_modules/electron is not installed)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  } else if (executable) {
    binary = join(pkgDir, 'dist', executable);
  } else {
    return { missing: join(pkgDir, 'dist') };
  }
  return existsSync(binary) ? { path: binary } : { missing: binary };
}

export function missingBinaryMessage(where) {
  const text =
    `Countersign cannot start the desktop edition: the Electron binary could not be obtained on this machine ` +
    `(looked for ${where}). npm installs the electron package but fetches its binary separately over the network, ` +
    `and that download was skipped or failed here (offline machine, or ELECTRON_SKIP_BINARY_DOWNLOAD=1). ` +
    `To get it, run \`npx install-electron\` while this machine has network access, or re-run \`npm install\` with ` +
    `network access and ELECTRON_SKIP_BINARY_DOWNLOAD unset; set ELECTRON_MIRROR to a reachable mirror if the default ` +
    `download host is blocked, or ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron. ` +
    `Meanwhile \`npm run web\` runs the browser edition of Countersign, which needs no Electron.`;
  return wrap(text, 100);
}

function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const common = { bundle: true, platform: 'node', target: 'node22', external: ['electron'], sourcemap: true, logLevel: 'warning' };
  // Main loads its npm dependencies (electron-store, zod, …) from node_modules at run time;
  // electron-builder packs the production dependencies.
  await esbuild({
    ...common,
    packages: 'external',
    entryPoints: [join(ROOT, 'electron/main/index.ts')],
    outfile: join(OUT, 'main/index.js'),
    format: 'esm',
  });
  // Sandboxed preloads must be CommonJS: the UI's bridge and the hidden store window's relay.
  await esbuild({
    ...common,
    entryPoints: [join(ROOT, 'electron/preload/index.ts')],
    outfile: join(OUT, 'preload/index.cjs'),
    format: 'cjs',
  });
  await esbuild({
    ...common,
    entryPoints: [join(ROOT, 'electron/preload/store.ts')],
    outfile: join(OUT, 'preload/store.cjs'),
    format: 'cjs',
  });
  // The hidden store window's page (app://store/window.html): the store host, for Chromium.
  await esbuild({
    bundle: true,
    platform: 'browser',
    target: 'chrome140',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: [join(ROOT, 'electron/store/window.ts')],
    outfile: join(OUT, 'store/window.js'),
  });
  copyFileSync(join(ROOT, 'electron/store/window.html'), join(OUT, 'store/window.html'));
  // The screens (app://ui/): the desktop edition's build, into out/ui.
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(ROOT, 'renderer/vite.config.ts'), mode: 'desktop', logLevel: 'error' });
}

async function main() {
  if (process.argv.includes('--build-only')) {
    await build();
    console.log(`Built main, preloads and the store window into ${OUT}, the screens into out/ui.`);
    return;
  }
  const found = findElectronBinary();
  if ('missing' in found) {
    console.error(missingBinaryMessage(found.missing));
    process.exit(1);
  }
  await build();
  const child = spawn(found.path, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not run Electron at ${found.path}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
