import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type WebSocket from 'ws'
import { eq } from 'drizzle-orm'
import { docSnapshots } from '../../../db/schema/index'
import { seededRandom } from '../../../db/seeded-random'
import { connect, docFromLog, stableJson, updateRows, useDocServer, waitFor, type TestClient } from './helpers'

const WRITERS = ['owner', 'manager', 'reception', 'reception2', 'teacher', 'storekeeper']
const ctx = useDocServer({ logins: WRITERS, scratchType: true })
const { cookies } = ctx

const view = (doc: Y.Doc) => stableJson({ cells: doc.getMap('cells').toJSON(), text: doc.getText('text').toString() })

describe('randomized convergence', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: random edits, drops and reconnects end identical everywhere, and in the log`, async () => {
      const rand = seededRandom(seed)
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
      const n = 5 + Math.floor(rand() * 16)
      const name = `scratch:random-${seed}`
      const collab = ctx.server.realtime.collab
      const snapshotEvery = collab.settings.snapshotEvery
      collab.settings.snapshotEvery = 40
      // even seeds: every sync reply of more than 256 bytes arrives in slices (a large document's path)
      const syncSliceBytes = collab.settings.syncSliceBytes
      if (seed % 2 === 0) collab.settings.syncSliceBytes = 256
      const clients: TestClient[] = []
      const who: string[] = []
      try {
        for (let i = 0; i < n; i++) {
          who.push(pick(WRITERS))
          clients.push(connect(ctx.server, cookies[who[i]], name))
        }
        await Promise.all(clients.map((c) => c.synced()))

        // 400 random steps (or 4 s on a slow machine, whichever comes first)
        const until = Date.now() + 4_000
        let step = 0
        while (step < 400 && Date.now() < until) {
          step++
          const c = pick(clients)
          const r = rand()
          const cells = c.doc.getMap<unknown>('cells')
          const text = c.doc.getText('text')
          if (r < 0.04) c.provider.disconnect()
          else if (r < 0.08) c.provider.connect()
          else if (r < 0.1)
            (c.provider.ws as unknown as WebSocket | null)?.terminate() // network drop
          else if (r < 0.35) cells.set(`k${Math.floor(rand() * 12)}`, `${seed}/${step}`)
          else if (r < 0.45) {
            const m = new Y.Map<unknown>()
            m.set('room', `R${Math.floor(rand() * 5)}`)
            m.set('n', step)
            cells.set(`m${Math.floor(rand() * 6)}`, m)
          } else if (r < 0.55) {
            const m = cells.get(`m${Math.floor(rand() * 6)}`)
            if (m instanceof Y.Map) m.set('room', `R${step}`)
          } else if (r < 0.62) cells.delete(`k${Math.floor(rand() * 12)}`)
          else if (r < 0.85) text.insert(Math.floor(rand() * (text.length + 1)), String.fromCharCode(97 + (step % 26)))
          else if (text.length > 0) {
            const at = Math.floor(rand() * text.length)
            text.delete(at, Math.min(text.length - at, 1 + Math.floor(rand() * 3)))
          }
          if (step % 4 === 0) await new Promise((res) => setTimeout(res, 4))
        }

        for (const c of clients) c.provider.connect()
        await waitFor(() => clients.every((c) => c.provider.synced && c.isSaved()), 15_000, 'everyone synced and saved')
        await waitFor(() => clients.every((c) => view(c.doc) === view(clients[0].doc)), 10_000, 'convergence')
        const expected = view(clients[0].doc)

        // snapshots were written while everyone kept editing
        const snaps = await ctx.database.db.select({ seq: docSnapshots.seq }).from(docSnapshots).where(eq(docSnapshots.doc, name))
        expect(snaps.length).toBeGreaterThan(0)
        // the server's copy, rebuilt from PostgreSQL two ways: the whole log, and a fresh load (snapshot + tail)
        expect(view(await docFromLog(ctx.database.db, name))).toBe(expected)
        for (const c of clients) c.destroy()
        clients.length = 0
        const idle = collab.settings.idleUnloadMs
        collab.settings.idleUnloadMs = 50
        await waitFor(() => !collab.isLoaded(name), 5_000, 'unload')
        collab.settings.idleUnloadMs = idle
        const fresh = connect(ctx.server, cookies.owner, name, { doc: new Y.Doc() })
        clients.push(fresh)
        await fresh.synced()
        expect(view(fresh.doc)).toBe(expected)

        const rows = await updateRows(ctx.database.db, name)
        expect(rows.length).toBeGreaterThan(30)
        const writers = new Set(who.map((w) => ctx.staff[w].id))
        expect(rows.every((row) => row.userId !== null && writers.has(row.userId))).toBe(true)
        expect(rows.map((row) => row.seq)).toEqual(rows.map((_, k) => k + 1))
      } finally {
        collab.settings.snapshotEvery = snapshotEvery
        collab.settings.syncSliceBytes = syncSliceBytes
        for (const c of clients) c.destroy()
      }
    })
  }
})
