import { defineConfig } from 'vite';

/** The browser edition: the same screens, the store host in a Web Worker of the page. */
export default defineConfig({
  root: import.meta.dirname,
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: { outDir: '../out/web', emptyOutDir: true },
});
