import { defineConfig } from 'vite';

// `npm run dev` serves the app on 5174 and sends the API to a running admin-console.
export default defineConfig({
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:8089' } },
  build: { target: 'es2022' },
});
