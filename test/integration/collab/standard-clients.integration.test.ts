import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { countRows, login, originOf, useDocServer, waitFor, wsBase } from './helpers'

/**
 * A client that did not ask for Clubroom's extensions (the stock y-websocket provider, as is)
 * hears only the y-websocket protocol: sync (0) and awareness (1). `saved` (100) and `notice`
 * (101) go only to clients that asked for them (`?ext=saved,notice`, as the browser client does).
 */

const ctx = useDocServer({ logins: ['owner', 'reception', 'auditor'], scratchType: true })

interface StockClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Messages received, by their first varUint (message type). */
  types: Map<number, number>
  closes: number[]
  synced(): Promise<void>
}

const stock: StockClient[] = []

/** The provider reads ArrayBuffers (binaryType), the `ws` listener may see either. */
function count(types: Map<number, number>, data: Buffer | ArrayBuffer) {
  const t = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer.slice(data.byteOffset, data.byteOffset + 1))[0]
  types.set(t, (types.get(t) ?? 0) + 1)
}

/** The stock provider with no options but the cookie: counts what reaches it, by type. */
function stockClient(cookie: string, docName: string): StockClient {
  const types = new Map<number, number>()
  const headers = { Cookie: cookie, Origin: originOf(ctx.server) }
  class CountingWS extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
      this.on('message', (data: Buffer | ArrayBuffer) => count(types, data))
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase(ctx.server), docName, doc, {
    WebSocketPolyfill: CountingWS as never,
    disableBc: true,
  })
  const closes: number[] = []
  provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  const c: StockClient = {
    doc,
    provider,
    types,
    closes,
    synced: () => waitFor(() => provider.synced, 10_000, `${docName} synced`).then(() => undefined),
  }
  stock.push(c)
  return c
}

const unknownTypes = (c: StockClient) => [...c.types].filter(([t]) => t !== 0 && t !== 1)

describe('standard clients get only standard messages', () => {
  it('a session of edits and awareness sends a stock client nothing but sync and awareness', async () => {
    const name = 'scratch:stock-only'
    const a = stockClient(ctx.cookies.owner, name)
    const b = stockClient(ctx.cookies.reception, name)
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 20; i++) {
      a.doc.getMap('cells').set(`a${i}`, i)
      b.doc.getText('text').insert(0, `b${i} `)
      if (i % 5 === 0) a.provider.awareness.setLocalStateField('cursor', i)
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitFor(async () => (await countRows(ctx.database.db, name)) >= 40, 10_000, '40 rows')
    await waitFor(
      () => a.doc.getText('text').toString() === b.doc.getText('text').toString() && b.doc.getMap('cells').size === 20,
      10_000,
      'convergence',
    )
    // a missing-dependency update gets a sync step 1 back (standard), never a notice
    const stray = new Y.Doc()
    stray.getText('text').insert(0, 'first')
    const later = Y.encodeStateVector(stray)
    stray.getText('text').insert(5, ' second')
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(stray, later)) // depends on 'first', which nobody has
    await new Promise((r) => setTimeout(r, 300))
    expect(a.types.get(0)).toBeGreaterThan(0)
    expect(b.types.get(1)).toBeGreaterThan(0) // a's cursor
    expect(unknownTypes(a)).toEqual([])
    expect(unknownTypes(b)).toEqual([])
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])
  })

  it('a read-only stock client gets no notice: its edits are refused and it keeps reading live', async () => {
    const name = 'scratch:stock-read-only'
    const writer = stockClient(ctx.cookies.owner, name)
    const reader = stockClient(ctx.cookies.auditor, name)
    await Promise.all([writer.synced(), reader.synced()])
    reader.doc.getText('text').insert(0, 'auditor was here')
    await new Promise((r) => setTimeout(r, 300))
    writer.doc.getText('text').insert(0, 'owner ')
    await waitFor(() => reader.doc.getText('text').toString().includes('owner '), 5_000, 'reader sees the writer')
    expect(writer.doc.getText('text').toString()).toBe('owner ')
    expect(await countRows(ctx.database.db, name)).toBe(1)
    expect(unknownTypes(reader)).toEqual([])
    expect(reader.closes).toEqual([])
    expect(reader.provider.wsconnected).toBe(true)
  })

  it('a client that asks for the extensions gets `saved` and the read-only notice', async () => {
    const name = 'scratch:opted-in'
    const types = new Map<number, number>()
    const headers = { Cookie: await login(ctx.server, 'auditor'), Origin: originOf(ctx.server) }
    class CountingWS extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers })
        this.on('message', (data: Buffer | ArrayBuffer) => count(types, data))
      }
    }
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(wsBase(ctx.server), name, doc, {
      WebSocketPolyfill: CountingWS as never,
      disableBc: true,
      params: { ext: 'saved,notice' },
    })
    provider.messageHandlers[100] = () => {}
    provider.messageHandlers[101] = () => {}
    try {
      await waitFor(() => types.get(101), 5_000, 'the read-only notice')
    } finally {
      provider.destroy()
    }
    const owner = stockClient(ctx.cookies.owner, 'scratch:opted-in-owner')
    await owner.synced()
    expect(unknownTypes(owner)).toEqual([])
  })
})

process.on('exit', () => {
  for (const c of stock) c.provider.destroy()
})
