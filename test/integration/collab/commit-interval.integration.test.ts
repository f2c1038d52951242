import { describe, expect, it } from 'vitest'
import { addTodo, encodeWorkspaceDocName } from '../../../domain/docs/workspace'
import { updateRows, useDocServer } from './helpers'

const ctx = useDocServer({ logins: ['owner'] })

describe('the group commit interval (COLLAB_COMMIT_INTERVAL_MS)', () => {
  it('commits an update after a quiet stretch at once, and the updates that follow within the interval together', async () => {
    const collab = ctx.server.realtime.collab
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const edit = (id: string) =>
      collab.applyAsUser(name, ctx.staff.owner, (doc) => addTodo(doc, id, { text: id, order: 1, createdAt: 'now' }))
    const before = collab.settings.commitIntervalMs
    // an interval long beside the gaps below, so that a busy machine's late timers cannot split b and c
    collab.settings.commitIntervalMs = 1000
    try {
      // the document loaded first (an edit that changes nothing): on a busy machine its first load
      // could outlast the 20 ms below, and then a and b would arrive together
      await collab.applyAsUser(name, ctx.staff.owner, () => {})
      const t0 = performance.now()
      const first = edit('a')
      await new Promise((r) => setTimeout(r, 20))
      const second = edit('b')
      // without the interval, b would be committed (alone) long before c arrives
      await new Promise((r) => setTimeout(r, 60))
      const third = edit('c')
      await Promise.all([first, second, third])
      const rows = await updateRows(ctx.database.db, name)
      expect(rows).toHaveLength(3)
      // b and c in one transaction (one now() for both rows), a in its own, before them
      expect(rows[1].at.getTime()).toBe(rows[2].at.getTime())
      expect(rows[1].at.getTime()).toBeGreaterThan(rows[0].at.getTime())
      expect(performance.now() - t0).toBeGreaterThanOrEqual(980)
    } finally {
      collab.settings.commitIntervalMs = before
    }
  })

  it('is off by default: every commit starts as soon as the previous one is done', () => {
    expect(ctx.server.realtime.collab.settings.commitIntervalMs).toBe(0)
  })
})
