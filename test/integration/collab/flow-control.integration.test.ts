import { describe, expect, it } from 'vitest'
import { connect, countRows, useDocServer, waitFor, type TestClient } from './helpers'

/**
 * Flow control never cuts off a real editor: 200 stock y-websocket clients (no extensions) join
 * one document within a second, or within 200 ms, each edits, and all converge; none is closed.
 * (The stock client re-sends awareness as others join; counting messages used to close the
 * early joiners with a code it treats as final.)
 */

process.setMaxListeners(1000) // every provider adds a process 'exit' listener: 400 at once here
const ctx = useDocServer({ logins: ['owner', 'manager', 'reception', 'reception2'], scratchType: true })

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CLIENTS = Number(process.env.CROWD_CLIENTS ?? 200)

async function joinAndEdit(seed: number, windowMs: number) {
  const rnd = random(seed)
  const name = `scratch:crowd-${seed}-${windowMs}`
  const logins = Object.keys(ctx.cookies)
  const clients: TestClient[] = []
  const joins = Array.from({ length: CLIENTS }, () => rnd() * windowMs).sort((a, b) => a - b)
  const t0 = performance.now()
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const wait = joins[i] - (performance.now() - t0)
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      const c = connect(ctx.server, ctx.cookies[logins[Math.floor(rnd() * logins.length)]], name, { extensions: false })
      clients.push(c)
      // a presence state, as every real client has: the stock provider echoes each awareness update it receives
      c.provider.awareness.setLocalStateField('user', { name: `editor ${i}` })
      // each edits as soon as it is in (an edit made before the sync is sent with it)
      const key = `c${i}`
      if (rnd() < 0.5) c.doc.getMap('cells').set(key, i)
      else {
        const edit = (ok: boolean) => {
          if (!ok) return
          c.provider.off('sync', edit)
          c.doc.getMap('cells').set(key, i)
        }
        c.provider.on('sync', edit)
      }
    }
    const all = () => clients.every((c) => c.doc.getMap('cells').size === CLIENTS)
    await waitFor(all, 90_000, `seed ${seed}: all ${CLIENTS} clients converge`).catch((err) => {
      const state = {
        converged: clients.filter((c) => c.doc.getMap('cells').size === CLIENTS).length,
        synced: clients.filter((c) => c.provider.synced).length,
        closes: clients.flatMap((c) => c.closes),
      }
      throw new Error(`${(err as Error).message}: ${JSON.stringify(state)}`)
    })
    expect(clients.flatMap((c) => c.closes)).toEqual([])
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true)
    expect(await countRows(ctx.database.db, name)).toBe(CLIENTS)
  } finally {
    for (const c of clients) c.destroy()
  }
}

describe('flow control never cuts off a real editor', () => {
  // CROWD_SEEDS=n runs fewer seeds (experiments); odd seeds join within 1 s, even ones within 200 ms
  const seeds = Number(process.env.CROWD_SEEDS ?? 10)
  for (let seed = 1; seed <= seeds; seed++) {
    const windowMs = seed % 2 ? 1000 : 200
    it(
      `seed ${seed}: 200 stock clients join within ${windowMs} ms, each edits, all converge, none is closed`,
      () => joinAndEdit(seed, windowMs),
      120_000,
    )
  }
})
