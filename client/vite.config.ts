import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * The Lit client. `npm run build` writes it to dist/client, which the server serves (and
 * falls back to index.html for unknown non-API paths). `npm run dev:client` proxies the API,
 * /yjs and Socket.IO to a server already running on :3000.
 */
export default defineConfig({
  root: here('.'),
  publicDir: false,
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/yjs': { target: 'ws://localhost:3000', ws: true },
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
})
