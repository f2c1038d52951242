// `npm start`: builds what is stale, then runs the built server (dist/server/main.js) in this very
// process, so that `npm start` serves from one node process (npm → sh → this).
//
// The check is a walk over the sources' modification times (a few tens of ms); a build, when one is
// needed, runs in a child process (scripts/build.mjs) that exits before the server starts, so that
// nothing of vite or esbuild stays in the serving process.
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { SERVER_BUNDLE, serverBuildStale } from './build-server.mjs'
import { clientBuildStale } from './build.mjs'

if (clientBuildStale() || serverBuildStale()) {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
await import(pathToFileURL(SERVER_BUNDLE).href)
