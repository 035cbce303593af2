import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

// The desktop build: main process, sandboxed preload, and the same renderer `coordlab serve` shows.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { outDir: 'out/main', rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/electron/main.ts'),
          // The node runtime each lab node runs (main/lab/bundle.ts: COORDLAB_NODE_ENTRY).
          'node-entry': resolve(__dirname, 'main/node/entry.ts'),
        },
      } },
  },
  preload: {
    // A sandboxed preload cannot require() node_modules: bundle everything it uses.
    build: { outDir: 'out/preload', rollupOptions: { input: { index: resolve(__dirname, 'main/electron/preload.ts') }, output: { format: 'cjs' } } },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [vue()],
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
