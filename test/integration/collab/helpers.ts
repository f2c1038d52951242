import { afterAll, beforeAll } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { docUpdates } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { docType } from '../../../server/realtime/collab/doc-registry'
import { MODULES } from '../../../server/modules/index'
import { defineModule } from '../../../server/modules/module'
import { describeTransaction } from '../../../server/realtime/collab/describe'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { startTestServer } from '../../support/app'
import { ALL_EXTENSIONS, EXTENSIONS_PARAM } from '../../../domain/docs/protocol'

/**
 * Helpers for the document-server tests: log in over HTTP, connect the stock y-websocket
 * provider (with a `ws` subclass that sends Cookie and Origin), wait for conditions.
 */

// every WebsocketProvider adds a process 'exit' listener
process.setMaxListeners(200)

/** Signs in through POST /api/auth/login and returns the `clubroom_session=…` cookie. */
export async function login(server: RunningServer, user: string, password = 'clubroom'): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password }),
  })
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

export const wsBase = (server: RunningServer) => `ws://127.0.0.1:${server.port}/yjs`
export const originOf = (server: RunningServer) => `http://127.0.0.1:${server.port}`

/** A `ws` WebSocket class that always sends these headers (what a browser does by itself). */
export function wsWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  } as typeof WebSocket
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Durable clocks reported by `saved` (message 100). */
  saved: Map<number, number>
  /** Notices (message 101). */
  notices: Array<{ type: string; messageId: string }>
  /** Close events the provider saw. */
  closes: Array<{ code: number; reason: string }>
  /** Everything this client's doc has is durable on the server. */
  isSaved(): boolean
  synced(): Promise<void>
  destroy(): void
}

/**
 * The stock WebsocketProvider from npm, unmodified: only its documented options and its public
 * `messageHandlers` table (to listen for our two extra message types, which it asks for with
 * `?ext=saved,notice` as the browser client does; `extensions: false` is a plain stock client).
 */
export function connect(
  server: RunningServer,
  cookie: string | null,
  docName: string,
  opts: { doc?: Y.Doc; origin?: string; connect?: boolean; extensions?: boolean } = {},
): TestClient {
  const doc = opts.doc ?? new Y.Doc()
  const headers: Record<string, string> = { Origin: opts.origin ?? originOf(server) }
  if (cookie) headers.Cookie = cookie
  const provider = new WebsocketProvider(wsBase(server), docName, doc, {
    WebSocketPolyfill: wsWithHeaders(headers) as never,
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
    params: opts.extensions === false ? {} : { [EXTENSIONS_PARAM]: ALL_EXTENSIONS },
  })
  const saved = new Map<number, number>()
  const notices: TestClient['notices'] = []
  const closes: TestClient['closes'] = []
  provider.messageHandlers[100] = (_enc, dec) => {
    for (const [client, clock] of Y.decodeStateVector(decoding.readVarUint8Array(dec))) {
      if ((saved.get(client) ?? 0) < clock) saved.set(client, clock)
    }
  }
  provider.messageHandlers[101] = (_enc, dec) => {
    notices.push(JSON.parse(decoding.readVarString(dec)))
  }
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) })
  })
  return {
    doc,
    provider,
    saved,
    notices,
    closes,
    isSaved: () => Y.getState(doc.store, doc.clientID) <= (saved.get(doc.clientID) ?? 0),
    synced: () =>
      new Promise<void>((resolve, reject) => {
        if (provider.synced) return resolve()
        const timer = setTimeout(() => reject(new Error(`${docName}: not synced in time`)), 15_000)
        provider.on('sync', (ok: boolean) => {
          if (ok) {
            clearTimeout(timer)
            resolve()
          }
        })
      }),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export type Staff = Awaited<ReturnType<typeof buildStaff>>

/** What `useDocServer` sets up; `database`, `staff` and the servers are there once the file's beforeAll has run. */
export interface DocServerContext {
  /** The file's own database. */
  database: TestDatabase
  /** buildStaff's users (owner, manager, reception, teacher, …). */
  staff: Staff
  /** The first (usually the only) server. */
  readonly server: RunningServer
  /** Every server, in the order of `instances`. */
  readonly servers: RunningServer[]
  /** Session cookies by login, for `logins` (signed in on the first server). */
  readonly cookies: Record<string, string>
  /** `connect`, and destroy that client after the file's tests. */
  open(...args: Parameters<typeof connect>): TestClient
}

/**
 * The set-up of a document-server test file, as its beforeAll / afterAll: a database of its own
 * with buildStaff's users, one server on it per entry of `instances` (config overrides; default
 * one server), `logins` signed in; afterwards every `open`ed client is destroyed, then the
 * servers are closed and the database dropped. Call it at the top level of the file.
 * @example const ctx = useDocServer({ logins: ['owner', 'teacher'], scratchType: true })
 */
export function useDocServer(
  opts: { logins?: string[]; scratchType?: boolean; instances?: Array<Record<string, string>> } = {},
): DocServerContext {
  const clients: TestClient[] = []
  const servers: RunningServer[] = []
  const ctx = {
    servers,
    cookies: {},
    get server() {
      return servers[0]
    },
    open(...args: Parameters<typeof connect>) {
      const c = connect(...args)
      clients.push(c)
      return c
    },
  } as DocServerContext

  beforeAll(async () => {
    ctx.database = await createTestDatabase()
    ctx.staff = await buildStaff(ctx.database.db)
    for (const overrides of opts.instances ?? [{}])
      servers.push(await startTestServer(ctx.database, overrides, opts.scratchType ? [...MODULES, scratchModule] : MODULES))
    await Promise.all((opts.logins ?? []).map(async (who) => (ctx.cookies[who] = await login(ctx.server, who))))
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of servers) await s.close()
    await ctx.database?.destroy()
  })

  return ctx
}

/** Polls until `fn` returns truthy (or throws after `ms`). */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 5_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) {
      last = err
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
    await new Promise((r) => setTimeout(r, 15))
  }
}

/** Rows of doc_updates for one document, in seq order. */
export async function updateRows(db: Db, doc: string) {
  return db.select().from(docUpdates).where(eq(docUpdates.doc, doc)).orderBy(docUpdates.seq)
}

export async function countRows(db: Db, doc: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(docUpdates)
    .where(and(eq(docUpdates.doc, doc)))
  return row.n
}

/** The document as stored: every logged update applied to a fresh doc. */
export async function docFromLog(db: Db, doc: string): Promise<Y.Doc> {
  const y = new Y.Doc()
  for (const row of await updateRows(db, doc)) Y.applyUpdate(y, row.update)
  return y
}

/**
 * A test-only document type `scratch:<name>` that every role but the auditor may write (the
 * auditor reads), with a recording projector, so several users can edit one document.
 */
export const projections: Array<{ name: string; changedKeys: string[]; actorId: string | null }> = []
export const scratchModule = defineModule({
  name: 'scratch',
  docTypes: [
    docType<string>({
      type: 'scratch',
      parseKey: (key) => (/^[a-z0-9-]{1,60}$/.test(key) ? key : null),
      init: (doc) => {
        doc.getMap('cells')
        doc.getText('text')
      },
      can: (user, access) => (access === 'read' ? true : !user.roles.includes('auditor')),
      describe: (txn) => describeTransaction(txn),
      async project({ name, changedKeys, actorId }) {
        projections.push({ name, changedKeys: [...changedKeys], actorId })
        return [{ type: 'scratch', id: name, action: 'update' }]
      },
    }),
  ],
})

/** Sorted-key JSON, for comparing documents whose map order depends on arrival order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )
}
