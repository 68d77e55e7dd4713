import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build goes straight into the jar's classes, under aispine-console/, where the
// server looks for it on its class path.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: process.env.AISPINE_CONSOLE_OUT ?? '../target/classes/aispine-console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a server on :7070 (aispine server)
    proxy: { '/api': 'http://127.0.0.1:7070', '/openapi.json': 'http://127.0.0.1:7070' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
