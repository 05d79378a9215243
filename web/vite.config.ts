// Builds the dashboard (index.html) and the commission desk (desk.html, served at /desk) into
// web/dist, which `saylau serve` serves at /. During development, `npx vite` proxies the API to
// a running `saylau serve` on 127.0.0.1:8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), desk: fileURLToPath(new URL('desk.html', import.meta.url)) },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
