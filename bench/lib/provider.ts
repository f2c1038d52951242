import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'

process.setMaxListeners(0) // every WebsocketProvider adds a process 'exit' listener

/** A `ws` class sending Cookie and Origin on the upgrade (what a browser does by itself). */
export function wsWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false })
    }
  } as typeof WebSocket
}

export interface Opened {
  doc: Y.Doc
  provider: WebsocketProvider
  /** ms from creating the provider (it connects at once) until it is synced. */
  syncedMs: number
  /** ms until the WebSocket was open (upgrade accepted, session checked). */
  connectedMs: number | null
}

/**
 * Opens a document with the stock provider and resolves when synced (sync step 2 received),
 * with the time from connect to synced. Rejects after `timeoutMs`.
 */
export function openDoc(
  wsBase: string,
  name: string,
  headers: Record<string, string>,
  timeoutMs = 30_000,
  doc = new Y.Doc(),
): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const provider = new WebsocketProvider(wsBase, name, doc, {
      WebSocketPolyfill: wsWithHeaders(headers) as never,
      disableBc: true,
      maxBackoffTime: 1000,
    })
    provider.messageHandlers[100] = () => {}
    provider.messageHandlers[101] = () => {}
    let connectedMs: number | null = null
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected' && connectedMs === null) connectedMs = performance.now() - t0
    }
    provider.on('status', onStatus)
    const timer = setTimeout(() => {
      provider.destroy()
      reject(new Error(`${name}: not synced in ${timeoutMs} ms`))
    }, timeoutMs)
    const onSync = (ok: boolean) => {
      if (!ok) return
      clearTimeout(timer)
      provider.off('sync', onSync)
      provider.off('status', onStatus)
      resolve({ doc, provider, syncedMs: performance.now() - t0, connectedMs })
    }
    provider.on('sync', onSync)
  })
}

export function closeDoc(o: Opened) {
  o.provider.destroy()
  o.doc.destroy()
}
