import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

/**
 * Both WebSocket servers on our port (the /yjs document server and Socket.IO's engine.io) must run
 * a `ws` with the 2024 (CVE-2024-37890) and 2026 fixes: 8.23.0 or later. engine.io pins its own
 * older `ws`; package.json `overrides` replace it.
 */
const require = createRequire(import.meta.url)
const versionSeenFrom = (pkg: string) => {
  const from = createRequire(require.resolve(pkg))
  return (JSON.parse(readFileSync(from.resolve('ws/package.json'), 'utf8')) as { version: string }).version
}
const atLeast = (v: string, min: number[]) => {
  const parts = v.split('.').map(Number)
  for (let i = 0; i < min.length; i++) if (parts[i] !== min[i]) return parts[i] > min[i]
  return true
}

describe('ws', () => {
  it.each(['ws', 'engine.io', 'socket.io-adapter'])('as loaded by %s is 8.23.0 or later', (pkg) => {
    const v = pkg === 'ws' ? (require('ws/package.json') as { version: string }).version : versionSeenFrom(pkg)
    expect(atLeast(v, [8, 23, 0]), `ws ${v} via ${pkg}`).toBe(true)
  })
})
