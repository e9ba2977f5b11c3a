import { defineConfig } from 'vite';

/** Tried before the usual extensions in the desktop build: `./bridge/transport` becomes transport.desktop.ts. */
export const DESKTOP_EXTENSIONS = ['.desktop.ts', '.desktop.tsx'];
/** Vite's own default list. */
const DEFAULT_EXTENSIONS = ['.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'];

/**
 * The screens. By default the browser edition (the store host in a Web Worker of the page), into
 * out/web. `--mode desktop` (scripts/start.mjs) builds the desktop edition's screens into out/ui:
 * modules with a `.desktop.ts` twin resolve to it, so the store is reached only through main's
 * port and the build holds no worker.
 */
export default defineConfig(({ mode }) => {
  const desktop = mode === 'desktop';
  return {
    root: import.meta.dirname,
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    worker: { format: 'es' },
    resolve: { extensions: desktop ? [...DESKTOP_EXTENSIONS, ...DEFAULT_EXTENSIONS] : DEFAULT_EXTENSIONS },
    build: { outDir: desktop ? '../out/ui' : '../out/web', emptyOutDir: true },
  };
});
