import type { Server } from 'node:http'
import type { AppDeps } from '../http/context'

/** Socket.IO and the /yjs document server, attached to the one HTTP server. */
export interface Realtime {
  close(): Promise<void>
}

/** Attaches the live parts to the HTTP server (filled in by the Live documents issue). */
export async function attachRealtime(_http: Server, _deps: AppDeps): Promise<Realtime> {
  return { close: async () => {} }
}
