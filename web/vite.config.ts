// Builds the dashboard into web/dist, which `saylau serve` serves at /. During development,
// `npx vite` proxies the API to a running `saylau serve` on 127.0.0.1:8080.
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
