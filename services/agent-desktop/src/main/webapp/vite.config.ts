import { defineConfig } from 'vite';

// `npm run dev` serves the app on 5173 and sends the API and the socket to a running agent-desktop.
export default defineConfig({
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8083',
      '/ws': { target: 'ws://127.0.0.1:8083', ws: true },
    },
  },
  build: { target: 'es2022' },
});
