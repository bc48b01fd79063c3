// Builds the dashboard into dist/ (index.html and hashed assets/), served by the notifier at /.
// `npx vite` in this folder serves it with hot reload, the API proxied to a running Talkwatch.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TALKWATCH_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, assetsInlineLimit: 0 },
  server: { proxy: Object.fromEntries(['/talks', '/events', '/subscriptions', '/articles'].map((prefix) => [prefix, api])) },
});
