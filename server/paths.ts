import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project root: the nearest folder above the running file that holds package.json. The same
 * answer from server/ (tsx, tests) and from dist/server/ (the built bundle); the working
 * directory when none is found.
 */
function findRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
/** The built client (vite build). */
export const CLIENT_DIST = join(ROOT, 'dist', 'client')
/** swagger-ui-dist's files, wherever node_modules resolves it. */
export const SWAGGER_DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
