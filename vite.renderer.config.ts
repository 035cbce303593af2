import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The browser build served by `coordlab serve` (Electron's build is electron.vite.config.ts).
// It lives at the top level, not in renderer/: it runs in Node, and renderer/ has no Node code.
export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
