import { describe, expect, it } from 'vitest'
import type { LiveEvents } from '../data/live-events'
import { EntityReloadController } from './entity-reload-controller'

/** A stand-in for LiveEvents: change() delivers an entity.changed, resync() a reconnect. */
function fakeLive() {
  const changed = new Set<(e: { type: string }) => void>()
  const resynced = new Set<() => void>()
  const live = {
    on: (_event: string, l: (e: { type: string }) => void) => (changed.add(l), () => changed.delete(l)),
    onResync: (l: () => void) => (resynced.add(l), () => resynced.delete(l)),
  } as unknown as LiveEvents
  return {
    live,
    change: (type: string) => changed.forEach((l) => l({ type })),
    resync: () => resynced.forEach((l) => l()),
    listeners: () => changed.size + resynced.size,
  }
}

function page(live: () => LiveEvents | null | undefined) {
  const controllers: EntityReloadController[] = []
  let loads = 0
  const host = {
    addController: (c: EntityReloadController) => controllers.push(c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  }
  new EntityReloadController(host, ['branch', 'room'], live, async () => void loads++)
  return { c: controllers[0], loads: () => loads }
}

describe('EntityReloadController', () => {
  it('loads on connect and again on changes of its types and on resync, until disconnected', () => {
    const a = fakeLive()
    const p = page(() => a.live)
    p.c.hostConnected()
    p.c.hostUpdate()
    p.c.hostUpdate() // the same connection: subscribed once
    expect(p.loads()).toBe(1)
    a.change('room')
    a.change('user')
    a.resync()
    expect(p.loads()).toBe(3)
    p.c.hostDisconnected()
    expect(a.listeners()).toBe(0)
  })

  it('waits for the live connection and follows a new one', () => {
    const a = fakeLive()
    const b = fakeLive()
    let live: LiveEvents | null | undefined
    const p = page(() => live)
    p.c.hostUpdate()
    live = null
    p.c.hostUpdate()
    live = a.live
    p.c.hostUpdate()
    expect(a.listeners()).toBe(2)
    live = b.live
    p.c.hostUpdate()
    expect(a.listeners()).toBe(0)
    b.change('branch')
    expect(p.loads()).toBe(1)
  })
})
