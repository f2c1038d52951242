import { api, withQuery } from './api'
import type { LiveEvent } from './live-events'

/** An open alert as the list gives it (GET /api/alerts?open=true). */
export interface OpenAlert {
  id: string
  kind: string
  severity: string
  /** What it is about: `client:<id>`, `lesson:<id>`, `backups`, … */
  subject: string
  /** In the language the request asked for; render `messageId` + `params` for the language shown now. */
  message: string
  messageId?: string
  params?: unknown
  branchId: string | null
  raisedAt: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  acknowledgedByName: string | null
  /** Where its times are read: its branch's time zone, else the center's. */
  timeZone: string
}

/** The most the list asks for (the server's maximum page); more open alerts than this: the newest. */
export const ALERT_LIST_LIMIT = 500
/** Alerts raised this close together (a projection's clashes) are fetched once. */
export const REFETCH_DELAY_MS = 250

export const fetchOpenAlerts = () =>
  api<{ items: OpenAlert[] }>('GET', withQuery('/api/alerts', { open: 'true', limit: ALERT_LIST_LIMIT })).then((r) => r.items)

export const acknowledgeAlert = (id: string) =>
  api<{ alert: OpenAlert }>('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`).then((r) => r.alert)

type Raised = LiveEvent<'alert.raised'>
type Cleared = LiveEvent<'alert.cleared'>
type Acknowledged = LiveEvent<'alert.acknowledged'>

/** The part of LiveEvents the list follows (a fake in tests). */
export interface AlertFeed {
  on(event: 'alert.raised', listener: (a: Raised) => void): () => void
  on(event: 'alert.cleared', listener: (a: Cleared) => void): () => void
  on(event: 'alert.acknowledged', listener: (a: Acknowledged) => void): () => void
  onResync(listener: () => void): () => void
}

/** How the list reaches the server (the real calls, or fakes in tests). */
export interface AlertCalls {
  fetch: () => Promise<OpenAlert[]>
  acknowledge: (id: string) => Promise<OpenAlert>
}

/** What the list shows now. */
export interface AlertsView {
  /** `loading`: nothing fetched yet; `error`: the first fetch (or a retry) failed and there is nothing to show. */
  status: 'loading' | 'ready' | 'error'
  /** Newest first. */
  items: readonly OpenAlert[]
  /** Open and not acknowledged by anyone. */
  unread: number
  /** The server had more open alerts than the list holds. */
  truncated: boolean
}

type Ack = Pick<OpenAlert, 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgedByName'>

/** How many cleared / acknowledged ids are remembered to correct a fetch that answered from before them. */
const REMEMBER = 2000

const newestFirst = (a: OpenAlert, b: OpenAlert) =>
  a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : Number(b.id) - Number(a.id)

/**
 * The open alerts the signed-in user sees, kept current from the live feed the toasts use (no
 * polling): fetched once, then an alert raised is listed at once and fetched again shortly after
 * (its time, branch and time zone are the server's), one cleared leaves the list, one acknowledged
 * (by anyone) is marked so and no longer counts as unread. After a reconnect that may have missed
 * events, the list is fetched again. A fetch that answers with what an event already changed (it
 * started before the event) does not undo the event.
 * @example
 * const alerts = new OpenAlerts(live)
 * const off = alerts.subscribe((view) => render(view.unread))
 */
export class OpenAlerts {
  private items = new Map<string, OpenAlert>()
  private status: AlertsView['status'] = 'loading'
  private truncated = false
  private listeners = new Set<(view: AlertsView) => void>()
  private offs: Array<() => void> = []
  /** Alerts that cleared (ids are never reused: a cleared one never comes back). */
  private gone = new Set<string>()
  /** Acknowledgements heard, to apply to a fetch that answered from before them. */
  private acks = new Map<string, Ack>()
  /** Alerts heard raised, with the number of the event: a fetch started after it must list it. */
  private heard = new Map<string, number>()
  private seq = 0
  private fetching: Promise<void> | null = null
  private again = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  private cached: AlertsView | null = null

  constructor(
    feed: AlertFeed | null | undefined,
    private readonly calls: AlertCalls = { fetch: fetchOpenAlerts, acknowledge: acknowledgeAlert },
  ) {
    if (feed) {
      this.offs.push(
        feed.on('alert.raised', (a) => this.raised(a)),
        feed.on('alert.cleared', (a) => this.cleared(a.id)),
        feed.on('alert.acknowledged', (a) => this.acknowledged(a.id, a)),
        feed.onResync(() => void this.reload()),
      )
    }
    void this.reload()
  }

  /** What to show now. */
  get view(): AlertsView {
    if (this.cached) return this.cached
    const items = [...this.items.values()].sort(newestFirst)
    this.cached = {
      status: this.status,
      items,
      unread: items.filter((a) => !a.acknowledgedAt).length,
      truncated: this.truncated,
    }
    return this.cached
  }

  /** Calls `listener` now and on every change; returns the disposer. */
  subscribe(listener: (view: AlertsView) => void): () => void {
    this.listeners.add(listener)
    listener(this.view)
    return () => void this.listeners.delete(listener)
  }

  /** Fetches the list again (a retry after an error, a reconnect); resolves when it is in. */
  reload(): Promise<void> {
    if (this.closed) return Promise.resolve()
    if (this.fetching) {
      this.again = true
      return this.fetching
    }
    const started = this.seq
    this.fetching = this.calls
      .fetch()
      .then(
        (items) => this.take(items, started),
        () => {
          // an error shows only when there is nothing to show; a list already shown stays
          if (this.status !== 'ready') this.set(() => (this.status = 'error'))
        },
      )
      .finally(() => {
        this.fetching = null
        if (this.again && !this.closed) {
          this.again = false
          void this.reload()
        }
      })
    return this.fetching
  }

  /**
   * Acknowledges an alert (marked at once in the list, for everyone through the live feed); rejects
   * with the server's ApiError (the list is fetched again then: the alert may be gone).
   */
  async acknowledge(id: string): Promise<void> {
    try {
      const a = await this.calls.acknowledge(id)
      this.acknowledged(a.id, a)
    } catch (e) {
      void this.reload()
      throw e
    }
  }

  /** Stops following the feed. */
  close() {
    this.closed = true
    for (const off of this.offs.splice(0)) off()
    if (this.timer) clearTimeout(this.timer)
    this.listeners.clear()
  }

  private take(fetched: OpenAlert[], started: number) {
    this.set(() => {
      const next = new Map<string, OpenAlert>()
      for (const a of fetched) {
        if (this.gone.has(a.id)) continue
        const ack = this.acks.get(a.id)
        next.set(a.id, ack && !a.acknowledgedAt ? { ...a, ...ack } : a)
        this.heard.delete(a.id)
      }
      // raised after the fetch started: the answer may not have it yet
      for (const [id, at] of this.heard) {
        const mine = this.items.get(id)
        if (at > started && mine) next.set(id, mine)
        else this.heard.delete(id)
      }
      this.items = next
      this.status = 'ready'
      this.truncated = fetched.length >= ALERT_LIST_LIMIT
    })
  }

  private raised(a: Raised) {
    if (this.gone.has(a.id)) return
    if (!this.items.has(a.id)) {
      this.heard.set(a.id, ++this.seq)
      // shown at once; its time, branch and time zone come with the fetch that follows
      this.set(() =>
        this.items.set(a.id, {
          id: a.id,
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          message: a.message,
          messageId: a.messageId,
          params: a.params,
          branchId: null,
          raisedAt: new Date().toISOString(),
          acknowledgedAt: null,
          acknowledgedBy: null,
          acknowledgedByName: null,
          timeZone: this.guessZone(),
        }),
      )
    }
    this.refetchSoon()
  }

  private cleared(id: string) {
    remember(this.gone, id)
    this.acks.delete(id)
    this.heard.delete(id)
    if (this.items.has(id)) this.set(() => this.items.delete(id))
  }

  private acknowledged(id: string, ack: Ack) {
    if (this.gone.has(id)) return
    this.seq++
    const { acknowledgedAt, acknowledgedBy, acknowledgedByName } = ack
    if (!this.acks.has(id) && this.acks.size >= REMEMBER) this.acks.delete(this.acks.keys().next().value as string)
    this.acks.set(id, { acknowledgedAt, acknowledgedBy, acknowledgedByName })
    const a = this.items.get(id)
    if (a) this.set(() => this.items.set(id, { ...a, acknowledgedAt, acknowledgedBy, acknowledgedByName }))
  }

  private refetchSoon() {
    if (this.timer || this.closed) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.reload()
    }, REFETCH_DELAY_MS)
  }

  /** The zone of the alerts already listed (the center's, in a center of one zone), until the fetch says. */
  private guessZone(): string {
    for (const a of this.items.values()) if (a.branchId === null) return a.timeZone
    const first = this.items.values().next().value
    return first ? first.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone
  }

  private set(change: () => void) {
    change()
    this.cached = null
    const view = this.view
    for (const l of this.listeners) l(view)
  }
}

function remember(set: Set<string>, id: string) {
  if (set.size >= REMEMBER) set.delete(set.values().next().value as string)
  set.add(id)
}
