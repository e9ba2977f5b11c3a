/**
 * Where the built pieces are, relative to the built main (out/electron/main/index.js, see
 * scripts/start.mjs): the preloads next to it, the store window's page in out/electron/store,
 * the screens (the desktop edition's build, renderer/vite.config.ts in mode 'desktop') in out/ui.
 */
import { fileURLToPath } from 'node:url';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Sandboxed preloads cannot be ES modules: both are built as CommonJS. */
export const UI_PRELOAD = here('../preload/index.cjs');
export const STORE_PRELOAD = here('../preload/store.cjs');

/** The folders served under app://<host>/ (electron/main/protocol.ts). */
export const APP_ROOTS: Readonly<Record<string, string>> = Object.freeze({
  ui: here('../../ui/'),
  store: here('../store/'),
});

export const UI_URL = 'app://ui/index.html';
export const STORE_URL = 'app://store/window.html';
