// Builds the dashboard (index.html), the commission desk (desk.html, served at /desk) and the
// embeddable widget (embed.html, served at /embed) into web/dist, which `saylau serve` serves at /.
// During development, `npx vite` proxies the API to a running `saylau serve` on 127.0.0.1:8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), desk: fileURLToPath(new URL('desk.html', import.meta.url)),
        embed: fileURLToPath(new URL('embed.html', import.meta.url)) },
      // The labels and their formatting (i18n.ts and format.ts import each other) share a chunk,
      // which the dashboard, the desk and the widget all load.
      output: { manualChunks: (id) => (/[\\/]src[\\/](i18n|format)\.ts$/.test(id) ? 'i18n' : undefined) },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
