import { describe, expect, it, vi } from 'vitest'
import {
  type FlagFeed,
  PassFlags,
  PaymentAttempt,
  automaticPass,
  normaliseAccount,
  subscribePassChanges,
  toneOfKinds,
  usePassFlags,
  type Pass,
} from './passes'


type Listener = (payload: never) => void

function fakeFeed() {
  const listeners = new Map<string, Listener[]>()
  const resyncs: Array<() => void> = []
  const feed = {
    on(event: string, l: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), l])
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((x) => x !== l))
    },
    onResync(l: () => void) {
      resyncs.push(l)
      return () => resyncs.splice(resyncs.indexOf(l), 1)
    },
  }
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload as never)
  }
  return { feed: feed as unknown as FlagFeed, emit, resync: () => resyncs.forEach((l) => l()) }
}

const deferred = <T>() => {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('PaymentAttempt: one idempotency key per attempt', () => {
  it('sends the same key on a retry after a failure and on a double click', async () => {
    const keys: string[] = []
    let n = 0
    const first = deferred<string>()
    const send = vi.fn((input: { amount: number; idempotencyKey: string }) => {
      keys.push(input.idempotencyKey)
      n++
      if (n === 1) return first.promise
      return Promise.resolve(`paid ${input.amount}`)
    })
    let k = 0
    const attempt = new PaymentAttempt<{ amount: number }, string>(send, () => `key-${++k}`)
    const a = attempt.pay({ amount: 5000 })
    const b = attempt.pay({ amount: 5000 }) // double click while the first is under way
    expect(b).toBe(a)
    expect(send).toHaveBeenCalledTimes(1)
    first.reject(new Error('network'))
    await expect(a).rejects.toThrow('network')
    // the retry after the network dropped: the same key, so the server charges at most once
    await expect(attempt.pay({ amount: 5000 })).resolves.toBe('paid 5000')
    expect(keys).toEqual(['key-1', 'key-1'])
  })

  it('makes a new key when the payment itself changes (another amount is another payment)', async () => {
    const keys: string[] = []
    let k = 0
    const attempt = new PaymentAttempt<{ amount: number }, number>(
      (i) => {
        keys.push(i.idempotencyKey)
        return Promise.resolve(i.amount)
      },
      () => `key-${++k}`,
    )
    await attempt.pay({ amount: 5000 })
    await attempt.pay({ amount: 5000 }) // a click after success: the server answers with the same payment
    await attempt.pay({ amount: 4000 })
    expect(keys).toEqual(['key-1', 'key-1', 'key-2'])
  })

  it('makes real keys by default (UUIDs), different per attempt', () => {
    const a = new PaymentAttempt<{ amount: number }, number>((i) => Promise.resolve(i.amount))
    const b = new PaymentAttempt<{ amount: number }, number>((i) => Promise.resolve(i.amount))
    void a.pay({ amount: 1 })
    void b.pay({ amount: 1 })
    expect(a.currentKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(a.currentKey).not.toBe(b.currentKey)
  })
})

describe('PassFlags: the colour of a pass follows its open alert', () => {
  it('is red while used up, amber while running out, and changes on the live events', async () => {
    const { feed, emit } = fakeFeed()
    const flags = new PassFlags(feed, () =>
      Promise.resolve([
        { id: '1', kind: 'pass_running_out', subject: 'pass:p1' },
        { id: '2', kind: 'visit_owed', subject: 'client:c1' },
      ]),
    )
    await flags.reload()
    expect(flags.passTone('p1')).toBe('amber')
    expect(flags.clientTone('c1')).toBe('red')
    expect(flags.hasOwedVisit('c1')).toBe(true)
    const seen = vi.fn()
    flags.subscribe(seen)
    emit('alert.cleared', { eventId: 'e1', id: '1', kind: 'pass_running_out', subject: 'pass:p1' })
    emit('alert.raised', { eventId: 'e2', id: '3', kind: 'pass_used_up', subject: 'pass:p1', severity: 'critical', message: '' })
    expect(flags.passTone('p1')).toBe('red')
    expect(flags.passFlag('p1')).toBe('pass_used_up')
    expect(seen).toHaveBeenCalledTimes(2)
    // other alerts (a room clash) do not colour anything
    emit('alert.raised', { eventId: 'e3', id: '4', kind: 'room_clash', subject: 'pass:p2', severity: 'critical', message: '' })
    expect(flags.passTone('p2')).toBe(null)
    expect(seen).toHaveBeenCalledTimes(2)
  })

  it('does not let a fetch that answered from before an event undo it', async () => {
    const { feed, emit } = fakeFeed()
    const answer = deferred<Array<{ id: string; kind: string; subject: string }>>()
    let calls = 0
    const flags = new PassFlags(feed, () => (++calls === 1 ? Promise.resolve([]) : answer.promise))
    await vi.waitFor(() => expect(flags.ready).toBe(true))
    const pending = flags.reload()
    // while the fetch runs: one flag cleared, another raised
    emit('alert.cleared', { eventId: 'e1', id: '1', kind: 'pass_running_out', subject: 'pass:p1' })
    emit('alert.raised', { eventId: 'e2', id: '2', kind: 'pass_expired', subject: 'pass:p2', severity: 'critical', message: '' })
    answer.resolve([{ id: '1', kind: 'pass_running_out', subject: 'pass:p1' }])
    await pending
    expect(flags.passTone('p1')).toBe(null)
    expect(flags.passTone('p2')).toBe('red')
  })

  it('is one store per connection, shared by every screen while one uses it', () => {
    const { feed } = fakeFeed()
    const live = feed as never
    const a = usePassFlags(live)
    const b = usePassFlags(live)
    expect(a.flags).toBe(b.flags)
    a.release()
    const c = usePassFlags(live)
    expect(c.flags).toBe(a.flags)
    b.release()
    c.release()
    const d = usePassFlags(live)
    expect(d.flags).not.toBe(a.flags)
    d.release()
  })

  it('tones: red wins over amber', () => {
    expect(toneOfKinds(['debt', 'invoice_overdue'])).toBe('red')
    expect(toneOfKinds(['debt'])).toBe('amber')
    expect(toneOfKinds([])).toBe(null)
  })
})

describe('the automatic pass choice, as the desk sees it before checking in', () => {
  const pass = (id: string, extra: Partial<Pass>): Pass => ({
    id,
    sessionsLeft: 3,
    startsOn: '2026-11-01',
    validUntil: '2026-12-31',
    status: 'active',
    activityIds: ['a1'],
    ...extra,
  })
  it('covers the activity, is valid on the day, has sessions left: earliest expiry first', () => {
    const passes = [
      pass('late', { validUntil: '2027-01-31' }),
      pass('early', { validUntil: '2026-12-10' }),
      pass('other-activity', { validUntil: '2026-12-05', activityIds: ['a2'] }),
      pass('used-up', { validUntil: '2026-12-04', sessionsLeft: 0 }),
      pass('expired', { validUntil: '2026-12-01' }),
      pass('ended', { validUntil: '2026-12-06', status: 'ended' }),
      pass('not-yet', { startsOn: '2026-12-05', validUntil: '2026-12-07' }),
    ]
    expect(automaticPass(passes, 'a1', '2026-12-03')?.id).toBe('early')
    expect(automaticPass(passes, 'a2', '2026-12-03')?.id).toBe('other-activity')
    expect(automaticPass(passes, 'a3', '2026-12-03')).toBe(null)
  })
})

describe('reading the account', () => {
  it('fills sessions left and what is due when the server leaves them out', () => {
    const a = normaliseAccount({
      debt: 7000,
      invoices: [{ id: 'i1', number: 3, total: 12000, paid: 5000 }],
      passes: [{ id: 'p1', sessionsTotal: 8, sessionsUsed: 6, validUntil: '2026-12-31', status: 'active', planName: '8 lessons' }],
    })
    expect(a.invoices[0].due).toBe(7000)
    expect(a.passes[0].sessionsLeft).toBe(2)
    expect(a.passes[0].name).toBe('8 lessons')
    expect(a.visits).toEqual([])
  })
})

describe('subscribePassChanges', () => {
  it('calls back once for a burst of changes of the area, not for others, and stops when disposed', async () => {
    vi.useFakeTimers()
    const { feed, emit, resync } = fakeFeed()
    const changed = vi.fn()
    const off = subscribePassChanges(feed, changed, { clientId: 'c1', delayMs: 50 })
    emit('entity.changed', { eventId: '1', type: 'pass', id: 'p1', action: 'written_off' })
    emit('entity.changed', { eventId: '2', type: 'payment', id: 'x', action: 'created', clientId: 'c1' })
    emit('entity.changed', { eventId: '3', type: 'room', id: 'r', action: 'updated' })
    emit('entity.changed', { eventId: '4', type: 'invoice', id: 'i', action: 'paid', clientId: 'c2' })
    vi.advanceTimersByTime(60)
    expect(changed).toHaveBeenCalledTimes(1)
    resync()
    vi.advanceTimersByTime(60)
    expect(changed).toHaveBeenCalledTimes(2)
    off()
    emit('entity.changed', { eventId: '5', type: 'pass', id: 'p1', action: 'sold' })
    vi.advanceTimersByTime(60)
    expect(changed).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })
})
