// Builds the server into dist/server/ with esbuild: one ESM file (main.js) from server/main.ts, and
// a copy of db/migrations beside it (db/client.ts finds its migrations next to the running file).
// scripts/build.mjs runs it when the bundle is older than a source it depends on (`serverBuildStale()`).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SERVER_OUT = join(ROOT, 'dist', 'server')
export const SERVER_BUNDLE = join(SERVER_OUT, 'main.js')

/**
 * Packages left out of the bundle and loaded from node_modules at run time:
 * - native addons or packages that read their own files next to their code (argon2's binary,
 *   PGlite's .wasm/.data, pdfkit's font metrics, pino's worker files for transports);
 * - postgres and ioredis: loaded only when DATABASE_URL / REDIS_URL are set, so keeping them out
 *   costs nothing on the embedded default.
 * Everything else (hono, zod, drizzle, socket.io, yjs…) is bundled, so one copy of yjs serves both
 * the server and y-protocols.
 */
const EXTERNAL = ['argon2', '@electric-sql/pglite', 'pdfkit', 'pino', 'postgres', 'ioredis', '@socket.io/redis-adapter']

/**
 * Packages the server imports at its top but needs only on some paths: pdfkit for a client's data
 * export as PDF (~25 MB and ~0.4 s to load), ioredis and the Socket.IO Redis adapter only when
 * REDIS_URL is set (~25 MB). In the bundle each of these imports becomes a stand-in that loads the
 * package (require) the first time it is called, constructed or read, so a server that never
 * exports a PDF or uses Redis never loads them. Listed with the names the server imports; a new
 * name fails the build ("No matching export").
 */
const DEFERRED = { pdfkit: ['default'], ioredis: ['Redis'], '@socket.io/redis-adapter': ['createAdapter'] }

/** The stand-in module for a deferred package: each export is a Proxy in front of the real one. */
function deferredModule(pkg, names) {
  const pick = (name) => (name === 'default' ? 'load()' : `load()[${JSON.stringify(name)}]`)
  return [
    "import { createRequire } from 'node:module'",
    'let mod',
    `const load = () => (mod ??= createRequire(import.meta.url)(${JSON.stringify(pkg)}))`,
    'function deferred(real) {',
    '  const stand = new Proxy(function () {}, {',
    '    apply: (_, self, args) => Reflect.apply(real(), self, args),',
    '    construct: (_, args, target) => Reflect.construct(real(), args, target === stand ? real() : target),',
    '    get: (_, key) => Reflect.get(real(), key),',
    '    has: (_, key) => Reflect.has(real(), key),',
    '  })',
    '  return stand',
    '}',
    ...names.map((n) =>
      n === 'default' ? `export default deferred(() => ${pick(n)})` : `export const ${n} = deferred(() => ${pick(n)})`,
    ),
  ].join('\n')
}

export const deferPlugin = {
  name: 'defer',
  setup(b) {
    const filter = new RegExp(
      `^(${Object.keys(DEFERRED)
        .map((k) => k.replace(/[/.@-]/g, '\\$&'))
        .join('|')})$`,
    )
    b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'defer' }))
    b.onLoad({ filter: /.*/, namespace: 'defer' }, (a) => ({ contents: deferredModule(a.path, DEFERRED[a.path]), loader: 'js' }))
  },
}

/** Folders and files whose changes make the bundle stale. */
const INPUTS = ['server', 'db', 'domain', 'package-lock.json', 'package.json', 'scripts/build-server.mjs', 'tsconfig.json']

/** Newest modification time of a file, or of anything under a folder (0 when missing). */
export function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let t = st.mtimeMs
  for (const e of readdirSync(path, { withFileTypes: true })) t = Math.max(t, newest(join(path, e.name)))
  return t
}

/** True when dist/server/main.js is missing or older than a source. */
export function serverBuildStale() {
  if (!existsSync(SERVER_BUNDLE) || !existsSync(join(SERVER_OUT, 'migrations'))) return true
  const built = statSync(SERVER_BUNDLE).mtimeMs
  return INPUTS.some((p) => newest(join(ROOT, p)) > built)
}

/**
 * Bundles the server into a fresh folder, then swaps it in (a running bundle keeps its files).
 * `out` must lie inside the project (the bundle finds node_modules and the root from where it is).
 */
export async function buildServer(out = SERVER_OUT) {
  const { build } = await import('esbuild')
  const tmp = `${out}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['server/main.ts'],
      outdir: tmp,
      // the database drivers are imported when opened (db/client.ts): each in a chunk of its own, so
      // PostgreSQL's driver is not loaded on PGlite and the other way round
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      plugins: [deferPlugin],
      // bundled CommonJS packages call require(); an ES module has none
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      sourcemap: 'linked',
      sourcesContent: false,
      // no comments: the file is then plain ASCII, which Node reads and V8 keeps at half the size
      minifyWhitespace: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
    // db/client.ts finds its migrations beside the file it runs in: it must be in main.js itself
    if (!/new URL\("\.\/migrations",\s*import\.meta\.url\)/.test(readFileSync(join(tmp, 'main.js'), 'utf8')))
      throw new Error('dist/server/main.js no longer holds db/client.ts: its migrations would not be found')
    cpSync(join(ROOT, 'db', 'migrations'), join(tmp, 'migrations'), { recursive: true })
    rmSync(out, { recursive: true, force: true })
    renameSync(tmp, out)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}
