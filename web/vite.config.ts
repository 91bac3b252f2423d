// Builds the Airtalk web app into web/dist; in development, API calls go to the local server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiServer = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    // The Host header is kept, so the server sees the same origin the browser does.
    proxy: { '/api': apiServer, '/dev': apiServer },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app; separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
