import type { Server } from 'node:http'
import type { AppDeps } from '../../http/context'

/** The y-websocket document server on /yjs/<docName>. (Being built: Live documents issue.) */
export interface Collab {
  close(): Promise<void>
}

export async function attachCollab(_http: Server, _deps: AppDeps): Promise<Collab> {
  return { close: async () => {} }
}
