// The build step: the client (vite → dist/client) and the server (esbuild → dist/server), each only
// when missing or older than its sources. `npm start` (scripts/start.mjs) runs it when something is
// stale; `npm run build` runs it with --force.
//
//   node scripts/build.mjs           build what is stale
//   node scripts/build.mjs --force   build both
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, SERVER_BUNDLE, buildServer, newest, serverBuildStale } from './build-server.mjs'

const CLIENT_INDEX = join(ROOT, 'dist', 'client', 'index.html')
/** The client imports domain/ too; a new lock file may bring new versions of what it bundles. */
const CLIENT_INPUTS = ['client', 'domain', 'package-lock.json']

/** True when dist/client is missing or older than a source. */
export const clientBuildStale = () =>
  !existsSync(CLIENT_INDEX) || CLIENT_INPUTS.some((p) => newest(join(ROOT, p)) > statSync(CLIENT_INDEX).mtimeMs)

/**
 * Builds the client with vite into dist/client; returns vite's exit status. `keepOld` leaves the
 * previous build's hashed assets in place (a server that already sent an index.html still finds
 * what it names).
 */
export function buildClient({ keepOld = false } = {}) {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'client/vite.config.ts',
      ...(keepOld ? ['--emptyOutDir=false'] : []),
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  return r.status ?? 1
}

/** True when the package (a development dependency) is installed. */
function installed(pkg) {
  try {
    createRequire(join(ROOT, 'package.json')).resolve(`${pkg}/package.json`)
    return true
  } catch {
    return false
  }
}

/**
 * A stale part is rebuilt; without the build tools (installed with --omit=dev) an existing build
 * is used as it is, and a missing one stops the start with what to do.
 */
function cannotBuild(what, built, tool) {
  if (built) {
    console.warn(`The ${what} looks older than its sources, but ${tool} is not installed: using the existing build.`)
    return
  }
  console.error(
    `The ${what} is not built and ${tool} is not installed: run \`npm install\` (with development dependencies), then \`npm run build\`.`,
  )
  process.exit(1)
}

/** Builds the client and the server, each when stale (or always with `force`); exits the process when a build fails. */
export async function build(force = false) {
  if (force || clientBuildStale()) {
    if (!installed('vite')) cannotBuild('client', existsSync(CLIENT_INDEX), 'vite')
    else {
      console.log('Building the client…')
      const status = buildClient()
      if (status !== 0) process.exit(status)
    }
  }
  if (force || serverBuildStale()) {
    if (!installed('esbuild')) cannotBuild('server', existsSync(SERVER_BUNDLE), 'esbuild')
    else {
      console.log('Building the server…')
      try {
        await buildServer()
      } catch {
        // esbuild has printed what failed and where
        console.error('The server did not build (see above).')
        process.exit(1)
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build(process.argv.includes('--force'))
