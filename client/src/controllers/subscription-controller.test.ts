import { describe, expect, it } from 'vitest'
import { SubscriptionController } from './subscription-controller'

function host() {
  const h = {
    controllers: [] as SubscriptionController[],
    updates: 0,
    addController: (c: SubscriptionController) => void h.controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void h.updates++,
    updateComplete: Promise.resolve(true),
  }
  return h
}

describe('SubscriptionController', () => {
  it('subscribes before a render once connected, again when a dep changes, and stops on disconnect', () => {
    const h = host()
    let dep = 'a'
    const log: string[] = []
    new SubscriptionController(
      h,
      () => [dep],
      () => {
        const d = dep
        log.push(`on ${d}`)
        return () => log.push(`off ${d}`)
      },
    )
    const c = h.controllers[0]
    c.hostUpdate() // not connected yet
    expect(log).toEqual([])
    c.hostConnected()
    c.hostUpdate()
    c.hostUpdate()
    expect(log).toEqual(['on a'])
    dep = 'b'
    c.hostUpdate()
    expect(log).toEqual(['on a', 'off a', 'on b'])
    c.hostDisconnected()
    expect(log).toEqual(['on a', 'off a', 'on b', 'off b'])
    c.hostConnected() // a cached page comes back: the next render subscribes again
    expect(h.updates).toBe(2)
    c.hostUpdate()
    expect(log.at(-1)).toBe('on b')
  })

  it('waits while there is nothing to follow', () => {
    const h = host()
    let live: { n: number } | null = null
    let subscribed = 0
    new SubscriptionController(
      h,
      () => [live],
      () => (live ? (subscribed++, () => {}) : null),
    )
    const c = h.controllers[0]
    c.hostConnected()
    c.hostUpdate()
    expect(subscribed).toBe(0)
    live = { n: 1 }
    c.hostUpdate()
    expect(subscribed).toBe(1)
  })
})
