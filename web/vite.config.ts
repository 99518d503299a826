/// <reference types="vitest/config" />
// Vite build for the Kelisim web client. The server serves dist/ under a strict CSP
// (script-src 'self'; style-src 'self'), so nothing may be inlined into index.html.
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS/JS; keep everything a same-origin file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': process.env.KELISIM_URL ?? 'http://127.0.0.1:8080',
      '/ws': { target: process.env.KELISIM_URL ?? 'http://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
