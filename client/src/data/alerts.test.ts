import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ALERT_LIST_LIMIT, type AlertFeed, type AlertsView, OpenAlerts, type OpenAlert, REFETCH_DELAY_MS } from './alerts'

type Listener = (payload: never) => void

/** A stand-in for LiveEvents: emit() delivers like the socket does; resync() as after a fresh reconnect. */
function fakeFeed() {
  const listeners = new Map<string, Listener[]>()
  const resyncs: Array<() => void> = []
  const feed = {
    on(event: string, l: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), l])
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((x) => x !== l),
        )
    },
    onResync(l: () => void) {
      resyncs.push(l)
      return () => resyncs.splice(resyncs.indexOf(l), 1)
    },
  } as unknown as AlertFeed
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload as never)
  }
  return { feed, emit, resync: () => resyncs.forEach((l) => l()), listening: () => [...listeners.values()].flat().length }
}

const alert = (id: string, raisedAt: string, extra: Partial<OpenAlert> = {}): OpenAlert => ({
  id,
  kind: 'client_file_incomplete',
  severity: 'warning',
  subject: `client:c${id}`,
  message: `Alert ${id}`,
  messageId: 'alerts.legacy',
  params: { text: `Alert ${id}` },
  branchId: 'b1',
  raisedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByName: null,
  timeZone: 'Asia/Yerevan',
  ...extra,
})

const raisedEvent = (id: string) => ({
  eventId: `e${id}`,
  id,
  kind: 'room_clash',
  subject: `lesson:l${id}`,
  severity: 'critical',
  message: `Clash ${id}`,
  messageId: 'alerts.legacy',
  params: { text: `Clash ${id}` },
})
const ackEvent = (id: string, name = 'Anna Petrova') => ({
  eventId: `a${id}`,
  id,
  kind: 'room_clash',
  subject: `lesson:l${id}`,
  acknowledgedAt: '2026-12-03T10:10:00.000Z',
  acknowledgedBy: 'u-anna',
  acknowledgedByName: name,
})

/** A server whose answers the test releases one at a time. */
function fakeServer(first: OpenAlert[]) {
  const pending: Array<{ resolve: (items: OpenAlert[]) => void; reject: (e: unknown) => void }> = []
  const fetch = vi.fn(
    () =>
      new Promise<OpenAlert[]>((resolve, reject) => {
        pending.push({ resolve, reject })
      }),
  )
  const acknowledge = vi.fn(async (id: string) =>
    alert(id, '2026-12-03T10:00:00.000Z', {
      acknowledgedAt: '2026-12-03T10:10:00.000Z',
      acknowledgedBy: 'u-me',
      acknowledgedByName: 'Me',
    }),
  )
  const answer = async (items: OpenAlert[] = first) => {
    pending.shift()!.resolve(items)
    await flush()
  }
  const fail = async () => {
    pending.shift()!.reject(new Error('down'))
    await flush()
  }
  return { calls: { fetch, acknowledge }, answer, fail, pending }
}

/** Lets the promise chains settle (microtasks only: fake timers may be on). */
async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

describe('OpenAlerts', () => {
  let views: AlertsView[]
  const last = () => views.at(-1)!
  const ids = () => last().items.map((a) => a.id)
  beforeEach(() => {
    views = []
  })
  afterEach(() => vi.useRealTimers())

  it('loads the open alerts newest first and counts those nobody acknowledged', async () => {
    const { feed } = fakeFeed()
    const server = fakeServer([
      alert('1', '2026-12-03T08:00:00.000Z'),
      alert('3', '2026-12-03T09:00:00.000Z', { acknowledgedAt: '2026-12-03T09:05:00.000Z', acknowledgedByName: 'Aram' }),
      alert('2', '2026-12-03T08:30:00.000Z'),
    ])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    expect(last()).toMatchObject({ status: 'loading', items: [], unread: 0 })
    await server.answer()
    expect(last().status).toBe('ready')
    expect(ids()).toEqual(['3', '2', '1'])
    expect(last().unread).toBe(2)
    expect(last().truncated).toBe(false)
  })

  it('shows an error when the first load fails, and loads on a retry', async () => {
    const server = fakeServer([alert('1', '2026-12-03T08:00:00.000Z')])
    const list = new OpenAlerts(fakeFeed().feed, server.calls)
    list.subscribe((v) => views.push(v))
    await server.fail()
    expect(last().status).toBe('error')
    const retry = list.reload()
    await server.answer()
    await retry
    expect(last()).toMatchObject({ status: 'ready', unread: 1 })
  })

  it('lists a raised alert at once, then takes the server’s row of it (one fetch for a burst)', async () => {
    vi.useFakeTimers()
    const { feed, emit } = fakeFeed()
    const server = fakeServer([alert('1', '2026-12-03T08:00:00.000Z')])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    await server.answer()
    emit('alert.raised', raisedEvent('7'))
    emit('alert.raised', raisedEvent('8'))
    expect(last().unread).toBe(3)
    expect(ids()).toContain('7')
    expect(last().items.find((a) => a.id === '7')).toMatchObject({ message: 'Clash 7', severity: 'critical', timeZone: 'Asia/Yerevan' })
    // the same event twice (at-least-once delivery) is one alert
    emit('alert.raised', raisedEvent('7'))
    expect(last().unread).toBe(3)
    expect(server.calls.fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS)
    expect(server.calls.fetch).toHaveBeenCalledTimes(2)
    await server.answer([
      alert('8', '2026-12-03T10:00:01.000Z', { kind: 'room_clash', branchId: 'b2', timeZone: 'Europe/Moscow' }),
      alert('7', '2026-12-03T10:00:00.000Z', { kind: 'room_clash' }),
      alert('1', '2026-12-03T08:00:00.000Z'),
    ])
    expect(ids()).toEqual(['8', '7', '1'])
    expect(last().items[0]).toMatchObject({ branchId: 'b2', timeZone: 'Europe/Moscow' })
  })

  it('drops a cleared alert, and marks an acknowledged one read for everyone while it stays listed', async () => {
    const { feed, emit } = fakeFeed()
    const server = fakeServer([alert('1', '2026-12-03T08:00:00.000Z'), alert('2', '2026-12-03T09:00:00.000Z')])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    await server.answer()
    emit('alert.acknowledged', ackEvent('2'))
    expect(ids()).toEqual(['2', '1'])
    expect(last().unread).toBe(1)
    expect(last().items[0]).toMatchObject({ acknowledgedByName: 'Anna Petrova', acknowledgedAt: '2026-12-03T10:10:00.000Z' })
    emit('alert.cleared', { eventId: 'c2', id: '2', kind: 'room_clash', subject: 'lesson:l2' })
    expect(ids()).toEqual(['1'])
    expect(last().unread).toBe(1)
  })

  it('a fetch that answers from before an event does not undo it', async () => {
    vi.useFakeTimers()
    const { feed, emit } = fakeFeed()
    const server = fakeServer([])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    // while the first fetch is on its way: one alert acknowledged, one cleared, one raised
    emit('alert.acknowledged', ackEvent('1'))
    emit('alert.cleared', { eventId: 'c2', id: '2', kind: 'k', subject: 's' })
    emit('alert.raised', raisedEvent('3'))
    await server.answer([alert('1', '2026-12-03T08:00:00.000Z'), alert('2', '2026-12-03T07:00:00.000Z')])
    expect(ids()).toEqual(expect.arrayContaining(['1', '3']))
    expect(ids()).not.toContain('2')
    expect(last().items.find((a) => a.id === '1')?.acknowledgedByName).toBe('Anna Petrova')
    expect(last().unread).toBe(1)
    // the fetch asked for by the raise lists it; one that started after it and lacks it drops it
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS)
    await server.answer([alert('1', '2026-12-03T08:00:00.000Z')])
    expect(ids()).toEqual(['1'])
  })

  it('acknowledges through the server and marks it at once; a refusal fetches the list again and rejects', async () => {
    const { feed } = fakeFeed()
    const server = fakeServer([alert('1', '2026-12-03T08:00:00.000Z')])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    await server.answer()
    await list.acknowledge('1')
    expect(server.calls.acknowledge).toHaveBeenCalledWith('1')
    expect(last()).toMatchObject({ unread: 0 })
    expect(last().items[0].acknowledgedByName).toBe('Me')
    server.calls.acknowledge.mockRejectedValueOnce(new Error('404'))
    await expect(list.acknowledge('1')).rejects.toThrow('404')
    expect(server.calls.fetch).toHaveBeenCalledTimes(2)
  })

  it('fetches again after a reconnect that may have missed events; says when the list is cut at the limit', async () => {
    const { feed, resync } = fakeFeed()
    const server = fakeServer([])
    const list = new OpenAlerts(feed, server.calls)
    list.subscribe((v) => views.push(v))
    await server.answer()
    resync()
    expect(server.calls.fetch).toHaveBeenCalledTimes(2)
    await server.answer(Array.from({ length: ALERT_LIST_LIMIT }, (_, i) => alert(String(i + 1), '2026-12-03T08:00:00.000Z')))
    expect(last()).toMatchObject({ truncated: true, unread: ALERT_LIST_LIMIT })
  })

  it('stops following the feed when closed', async () => {
    const f = fakeFeed()
    const server = fakeServer([])
    const list = new OpenAlerts(f.feed, server.calls)
    expect(f.listening()).toBe(3)
    list.close()
    expect(f.listening()).toBe(0)
  })
})
