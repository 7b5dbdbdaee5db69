import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the app and forwards the API, so the session cookie stays same-origin
// exactly as it is in production, where the server serves apps/web/dist itself.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // ECharts alone is about 570 kB; it sits in its own chunk that only chart pages load.
    chunkSizeWarningLimit: 700,
  },
});
