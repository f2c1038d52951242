import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../db/client'
import type { RequestObserver } from '../http/metrics'
import type { CollabObserver } from '../realtime/collab/observer'
import type { Realtime } from '../realtime/attach'
import { LeanHistogram } from './lean-histogram'

/** What the metrics read when scraped (the realtime parts exist once attached). */
export interface MetricSources {
  db: Db
  version: string
  instanceId: string
  realtime(): Realtime | null
}

export interface Metrics {
  registry: Registry
  /** The HTTP metrics middleware's observer. */
  observeRequest: RequestObserver
  /** The document hub's observer (hot path: a bucket array each). */
  collab: CollabObserver
  /** Adds a gauge read when scraped (backups, jobs: the areas that know them). */
  gauge(name: string, help: string, labelNames: readonly string[], read: (set: GaugeSetter) => Promise<void> | void): void
  /** Adds a counter read when scraped from a count kept elsewhere (name it `…_total`). */
  counter(name: string, help: string, labelNames: readonly string[], read: (set: GaugeSetter) => Promise<void> | void): void
}

/** Sets one series of a gauge being collected. */
export type GaugeSetter = (value: number, labels?: Record<string, string>) => void

/** How often the event-loop delay is sampled (ms). */
const EVENT_LOOP_SAMPLE_MS = 100

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * The Prometheus metrics of one instance (prom-client, its own registry): the process's defaults,
 * HTTP latency by route and status, the document hub (open documents, connections, update
 * handling and acknowledgement latency, group-commit sizes), Socket.IO connections and open
 * alerts by kind; areas add theirs with `gauge`. Gauges are read when scraped, never kept up to date.
 * @example const metrics = createMetrics(sources); await metrics.registry.metrics()
 */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry()
  // the event-loop delay is sampled by a timer; prom-client's default (every 10 ms) wakes an idle
  // server 100 times a second, ~80 µs of CPU each on a small VM — about as much as the document
  // server's own work per edit at 100 edits/s (bench/notes.md). Every 100 ms still shows stalls.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS })

  const requests = new Histogram({
    name: 'clubroom_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  })
  // one pre-bound child per (method, route, status): no label hashing per request after the first
  const children = new Map<string, { observe(v: number): void }>()
  const observeRequest: RequestObserver = (method, route, status, seconds) => {
    const key = `${method} ${route} ${status}`
    let child = children.get(key)
    if (!child) children.set(key, (child = requests.labels(method, route, String(status))))
    child.observe(seconds)
  }

  const applied = new LeanHistogram(
    registry,
    'clubroom_collab_update_apply_seconds',
    'Handling one incoming document update (decode, check, apply, describe), on the event loop',
    [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
  )
  const acked = new LeanHistogram(
    registry,
    'clubroom_collab_ack_seconds',
    'From applying a document update to its being durable, broadcast and acknowledged',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  )
  const batch = new LeanHistogram(
    registry,
    'clubroom_collab_commit_batch_updates',
    'Document updates written per group commit (one INSERT)',
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  )
  const commit = new LeanHistogram(registry, 'clubroom_collab_commit_seconds', 'Time to write one group commit', SECONDS_BUCKETS)
  const collab: CollabObserver = {
    updateApplied: (s) => applied.observe(s),
    committed: (n, s) => {
      batch.observe(n)
      commit.observe(s)
    },
    acknowledged: (s) => acked.observe(s),
  }

  function gauge(name: string, help: string, labelNames: readonly string[], read: (set: GaugeSetter) => Promise<void> | void) {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset()
        await read((value, labels) => (labels ? this.set(labels, value) : this.set(value)))
      },
    })
  }

  function counter(name: string, help: string, labelNames: readonly string[], read: (set: GaugeSetter) => Promise<void> | void) {
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset()
        await read((value, labels) => (labels ? this.inc(labels, value) : this.inc(value)))
      },
    })
  }

  gauge('clubroom_info', 'This instance: its version and id', ['version', 'instance'], (set) =>
    set(1, { version: sources.version, instance: sources.instanceId }),
  )
  gauge('clubroom_collab_open_documents', 'Live documents in memory', [], (set) => {
    const rt = sources.realtime()
    if (rt) set(rt.collab.stats().docs)
  })
  gauge('clubroom_collab_connections', 'Open document connections (y-websocket)', [], (set) => {
    const rt = sources.realtime()
    if (rt) set(rt.collab.stats().connections)
  })
  gauge('clubroom_socketio_connections', 'Open Socket.IO connections', [], (set) => {
    const rt = sources.realtime()
    if (rt) set(rt.socket.io.engine.clientsCount)
  })
  gauge('clubroom_alerts_open', 'Open alerts by kind', ['kind'], async (set) => {
    const rows = await queryRows<{ kind: string; n: number }>(
      sources.db,
      sql`select kind, count(*)::int as n from alerts where cleared_at is null group by kind`,
    )
    for (const { kind, n } of rows) set(n, { kind })
  })

  return { registry, observeRequest, collab, gauge, counter }
}
