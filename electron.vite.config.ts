import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One tool builds all three bundles. Source maps are off in production builds: they would ship
// the source to every counter PC, and the packaging check refuses any .map file.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: false,
      externalizeDeps: { exclude: ['electron-store', 'zod'] },
      // indexWorker: the import's blind-index build runs on a worker thread (electron/core/vault/indexWorkerJob.ts).
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/app/main.ts') },
        external: ['sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      sourcemap: false,
      emptyOutDir: true,
      minify: true,
      modulePreload: { polyfill: false },
      // customer.html: the static notice on the applicant-facing display (electron/app/customerDisplay.ts).
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), customer: resolve(__dirname, 'renderer/customer.html') } },
    },
  },
});
